-- 0018 the history of an entry lists the link decisions of photos unlinked from it
-- without reading every photo_link revision's JSON (issue 17): a photo_link revision
-- names its entries only inside its JSON "before"/"after", so the entries a photo's
-- link rows were taken from are kept in a plain table, written by a plain-SQL trigger
-- when a link row goes (as 0011 does for removed annotations; no function call in the
-- schema, so the file stays usable with trusted_schema = OFF, see 0012).
--
-- A link change rewrites all of a photo's rows, so a pair is also kept for an entry the
-- photo is still linked to; the history reads it as "photos this entry had", and the
-- revision's JSON then says which of their link changes named the entry. Only the
-- archivist's link changes delete rows; the import never does, so the table stays small.

CREATE TABLE photo_link_removed (
    entry_id INTEGER NOT NULL,
    photo_id INTEGER NOT NULL,
    PRIMARY KEY (entry_id, photo_id)
) STRICT, WITHOUT ROWID;

-- every entry a photo_link revision names had a row (before: the rows there were; after:
-- the rows written); the ones still linked are read from photo_link itself.
INSERT OR IGNORE INTO photo_link_removed (entry_id, photo_id)
SELECT json_extract(j.value, '$.entry_id'), r.target_id
FROM revision r, json_each(r.before) j
WHERE r.target_kind = 'photo_link' AND json_type(j.value, '$.entry_id') = 'integer'
UNION
SELECT json_extract(j.value, '$.entry_id'), r.target_id
FROM revision r, json_each(r.after) j
WHERE r.target_kind = 'photo_link' AND json_type(j.value, '$.entry_id') = 'integer';

CREATE TRIGGER photo_link_removed_keep AFTER DELETE ON photo_link
BEGIN
    INSERT OR IGNORE INTO photo_link_removed (entry_id, photo_id)
    VALUES (old.entry_id, old.photo_id);
END;
