-- 0011 the history of an entry lists the annotations removed from it: a removal's
-- revision names its entry (or photo) only inside its JSON "before", so these are
-- indexed by it. Partial: only removals of annotations are in the index.

CREATE INDEX revision_removed_annotation ON revision(
    json_extract(before, '$.target_kind'), json_extract(before, '$.target_id')
) WHERE target_kind = 'annotation' AND after IS NULL;
