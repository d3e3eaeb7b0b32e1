-- 0020 structure changes: the archivist corrects the structure the parser read (issue 15):
-- a text block becomes a heading or a table, a stretch of it (a line) is cut off as one,
-- an entry is split in two. Each is a revision like any other; the original layer is
-- untouched.
--
-- * fragment.cut_from is the text block a part was cut from (NULL: a block the import
--   read). The parts of a block tile its text, at line boundaries; while it has parts the
--   block is no reading text (the parts are, in the order of their ids), and the original
--   export still prints the block (its source span), never the parts. A part is a change,
--   not something imported: taking the change back removes it, so fragment_undeletable
--   guards imported blocks only. Revisions of kind 'block_structure' (target: the block
--   cut, or the block whose role changed) hold its role, level and parts.
-- * entry.split_from is the entry an entry was split off (NULL: an entry the import read
--   or one made from a text block). It stands right after that entry (same seq, higher
--   id) and in the corrected layer only; taking the split back removes it, so
--   entry_undeletable spares it too. Revisions of kind 'entry_split' (target: the entry
--   split) hold the entry split off.
-- * entry_merged keeps an entry merged into the one before it (its whole row, as JSON),
--   while the merge stands: the row leaves the entry table (the corrected layer has one
--   entry), the original export still prints its source text from here. Taking the merge
--   back puts the row back, with its id. Revisions of kind 'entry_merge' (target: the
--   entry merged into) hold it; entry_undeletable spares an entry kept here.
-- * Neither column ever changes once written.

ALTER TABLE fragment ADD COLUMN cut_from INTEGER REFERENCES fragment(id);
CREATE INDEX fragment_cut_from ON fragment(cut_from) WHERE cut_from IS NOT NULL;

CREATE TRIGGER fragment_cut_from_fixed BEFORE UPDATE OF cut_from ON fragment
BEGIN
    SELECT RAISE(ABORT, 'the block a part was cut from is immutable');
END;

DROP TRIGGER fragment_undeletable;
CREATE TRIGGER fragment_undeletable BEFORE DELETE ON fragment
WHEN old.cut_from IS NULL
BEGIN
    SELECT RAISE(ABORT, 'an imported fragment is never deleted');
END;

ALTER TABLE entry ADD COLUMN split_from INTEGER REFERENCES entry(id);
CREATE INDEX entry_split_from ON entry(split_from) WHERE split_from IS NOT NULL;

CREATE TRIGGER entry_split_from_fixed BEFORE UPDATE OF split_from ON entry
BEGIN
    SELECT RAISE(ABORT, 'the entry an entry was split off is immutable');
END;

CREATE TABLE entry_merged (
    id INTEGER PRIMARY KEY,             -- the entry merged away
    merged_into INTEGER NOT NULL REFERENCES entry(id),
    row TEXT NOT NULL                   -- its entry row, column by column (JSON)
) STRICT;
CREATE INDEX entry_merged_into ON entry_merged(merged_into);

DROP TRIGGER entry_undeletable;
CREATE TRIGGER entry_undeletable BEFORE DELETE ON entry
WHEN old.from_fragment IS NULL AND old.split_from IS NULL
 AND NOT EXISTS (SELECT 1 FROM entry_merged m WHERE m.id = old.id)
BEGIN
    SELECT RAISE(ABORT, 'an imported entry is never deleted');
END;

INSERT INTO change_kind (kind, target, encoding, field, holds) VALUES
    ('block_structure', 'fragment', 'json', 'structure',
     'the text block''s structure {"role", "level", "parts": [{"id", "line", "start", "end", "role", "level", "page", "text", "text_original"}]}'),
    ('entry_split', 'entry', 'json', 'split',
     'the entry split off {"entry", "at", "title", "body", "layout", "authors", "annotations"}; NULL: not split'),
    ('entry_merge', 'entry', 'json', 'merge',
     'the entry merged into it {"entry", "row", "at", "body", "layout", "annotations"}; NULL: not merged');
