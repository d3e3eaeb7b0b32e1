-- 0011 the history of an entry lists the annotations removed from it: a removal's
-- revision names its entry (or photo) only inside its JSON "before", so the place a
-- removed annotation was on is kept in a plain table, written by a plain-SQL trigger
-- when an annotation row goes (no function call in the schema: the file stays usable
-- with trusted_schema = OFF and by other tools, see 0012).

CREATE TABLE annotation_removed (
    annotation_id INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL,
    target_id INTEGER NOT NULL
) STRICT;
CREATE INDEX annotation_removed_target ON annotation_removed(target_kind, target_id);

INSERT OR IGNORE INTO annotation_removed (annotation_id, target_kind, target_id)
SELECT target_id, json_extract(before, '$.target_kind'), json_extract(before, '$.target_id')
FROM revision
WHERE target_kind = 'annotation' AND after IS NULL AND before IS NOT NULL;

CREATE TRIGGER annotation_removed_keep AFTER DELETE ON annotation
BEGIN
    INSERT OR IGNORE INTO annotation_removed (annotation_id, target_kind, target_id)
    VALUES (old.id, old.target_kind, old.target_id);
END;
