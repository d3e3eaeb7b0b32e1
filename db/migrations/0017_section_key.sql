-- 0017 section key: the entry list's section filter reads an index instead of each
-- entry's JSON (issue 15).
--
-- entry.section_key is entry.section written as its headings each followed by char(31)
-- ('大事记' || char(31) || '10月' || char(31); '' under no heading), so the entries
-- under a section and the sections below it are one range of the index:
-- section_key >= key AND section_key < key with its last char(31) made char(32)
-- (app.storage.sections.section_condition). The app writes it with section (import,
-- a heading's rename, an entry made from a text block); an index on json_extract()
-- cannot be used (trusted_schema OFF refuses it in a schema, see 0011).

ALTER TABLE entry ADD COLUMN section_key TEXT NOT NULL DEFAULT '';

UPDATE entry SET section_key = (
    SELECT group_concat(replace(value, char(31), ' '), char(31)) || char(31)
    FROM (SELECT value FROM json_each(entry.section) ORDER BY key)
) WHERE json_array_length(section) > 0;

CREATE INDEX entry_section_key ON entry(section_key, source_id, seq);
