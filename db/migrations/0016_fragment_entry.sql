-- 0016 fragment entry: a text block (fragment) the archivist makes an entry (issue 15).
--
-- * entry.from_fragment is the fragment an entry was made from; NULL for an entry the
--   import read. At most one entry per fragment. It never changes once written.
-- * Such an entry is a change, not something imported: taking the change back (undo,
--   `curator revert`) removes the row, so 0004's entry_undeletable now guards imported
--   entries only. The fragment itself stays, untouched (it is the original layer), and is
--   a text block again. Its revision is of kind 'fragment_entry' (target: the fragment).
-- * The search index learns of a removed entry like of a changed one: the trigger marks
--   it in search_dirty with the title and body the index holds (0012).

ALTER TABLE entry ADD COLUMN from_fragment INTEGER REFERENCES fragment(id);
CREATE UNIQUE INDEX entry_from_fragment ON entry(from_fragment) WHERE from_fragment IS NOT NULL;

CREATE TRIGGER entry_from_fragment_fixed BEFORE UPDATE OF from_fragment ON entry
BEGIN
    SELECT RAISE(ABORT, 'the fragment an entry was made from is immutable');
END;

DROP TRIGGER entry_undeletable;
CREATE TRIGGER entry_undeletable BEFORE DELETE ON entry
WHEN old.from_fragment IS NULL
BEGIN
    SELECT RAISE(ABORT, 'an imported entry is never deleted');
END;

CREATE TRIGGER entry_taken_back_unindexed AFTER DELETE ON entry
WHEN old.id <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), old.id)
BEGIN
    INSERT INTO search_dirty (entry_id, main, title, body) VALUES (old.id, 'old', old.title, old.body)
    ON CONFLICT (entry_id) DO UPDATE SET main = 'old', title = excluded.title, body = excluded.body
    WHERE main = 'same';
END;

INSERT INTO change_kind (kind, target, encoding, field, holds) VALUES
    ('fragment_entry', 'fragment', 'json', 'entry',
     'the entry made from the text block {"entry", "title_open", "title", "body", "layout"}; NULL: none (a text block)');
