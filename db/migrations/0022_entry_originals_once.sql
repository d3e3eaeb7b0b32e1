-- 0022 entry originals stored once: an entry's text as imported is kept where it stands
-- in the source's bytes, not beside them (issue 16). title_open_original, title_original
-- and body_original were a second copy of every entry's text (the first is the source,
-- the third the curated title and body): 25 of the 29 MB of a 10,000-entry volume's entry
-- table. Now an original that is a run of its source's bytes is stored as that run:
-- *_at is its first byte in source.raw (from 0: a UTF-8 byte-order mark is counted),
-- *_len its length in bytes, and *_original is NULL. A run is read as UTF-8 with CRLF
-- read as LF (the parser keeps a body's lines with LF between them whatever line ends
-- the file has, so no original holds a CRLF; in a file whose lines mostly end with CRLF,
-- source.newline, a run of several lines has CRLF between them). An original that is no
-- run of the bytes (a source in another encoding than UTF-8, a body whose lines do not
-- end as the file's mostly do, an entry split off another or made from a text block)
-- keeps its text in *_original, *_at and *_len NULL; one of the two, never both (CHECK).
--
-- The run is a part of the immutable bytes, not something the parser reads again: a
-- later parser never changes an original. Every reader goes through
-- app.storage.originals; other tools read the entry_original view (core SQL: the run cut
-- out of the bytes and read as UTF-8, CRLF as LF — it reads the source's bytes once per
-- field and row, so look entries up by id rather than scan the whole view on a large
-- source).
--
-- The columns are made nullable by dropping and adding them again (SQLite cannot drop
-- NOT NULL in place; rebuilding the table would have to repeat every trigger on it),
-- their texts kept meanwhile; the runs of the entries already imported are found by
-- app.storage.upgrade, after this SQL, in the same transaction (without it, as by
-- app.storage.db.open_project, every original stays text). The originals stay
-- immutable: entry_original_immutable now guards the runs too. The pages an upgrade
-- frees inside the entry table come back only with a VACUUM (the app runs none).

DROP TRIGGER entry_original_immutable;

-- The texts wait in a temporary table (outside the file) while their columns are
-- dropped and added again without NOT NULL: each row shrinks and grows back in its own
-- page, so the file does not grow.
CREATE TEMP TABLE entry_original_0022 (
    id INTEGER PRIMARY KEY,
    title_open TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL
);
INSERT INTO temp.entry_original_0022 (id, title_open, title, body)
SELECT id, title_open_original, title_original, body_original FROM entry;
ALTER TABLE entry DROP COLUMN title_open_original;
ALTER TABLE entry DROP COLUMN title_original;
ALTER TABLE entry DROP COLUMN body_original;
ALTER TABLE entry ADD COLUMN title_open_original TEXT;
ALTER TABLE entry ADD COLUMN title_original TEXT;
ALTER TABLE entry ADD COLUMN body_original TEXT;
UPDATE entry SET (title_open_original, title_original, body_original) =
    (SELECT o.title_open, o.title, o.body FROM temp.entry_original_0022 o WHERE o.id = entry.id);
DROP TABLE temp.entry_original_0022;

ALTER TABLE entry ADD COLUMN title_open_at INTEGER;
ALTER TABLE entry ADD COLUMN title_open_len INTEGER
    CHECK ((title_open_at IS NULL) = (title_open_len IS NULL)
           AND (title_open_at IS NULL) = (title_open_original IS NOT NULL)
           AND (title_open_at IS NULL OR (title_open_at >= 0 AND title_open_len > 0)));
ALTER TABLE entry ADD COLUMN title_at INTEGER;
ALTER TABLE entry ADD COLUMN title_len INTEGER
    CHECK ((title_at IS NULL) = (title_len IS NULL)
           AND (title_at IS NULL) = (title_original IS NOT NULL)
           AND (title_at IS NULL OR (title_at >= 0 AND title_len > 0)));
ALTER TABLE entry ADD COLUMN body_at INTEGER;
ALTER TABLE entry ADD COLUMN body_len INTEGER
    CHECK ((body_at IS NULL) = (body_len IS NULL)
           AND (body_at IS NULL) = (body_original IS NOT NULL)
           AND (body_at IS NULL OR (body_at >= 0 AND body_len > 0)));

CREATE TRIGGER entry_original_immutable
BEFORE UPDATE OF title_open_original, title_original, body_original, title_open_at,
                 title_open_len, title_at, title_len, body_at, body_len, source_id, start,
                 "end" ON entry
BEGIN
    SELECT RAISE(ABORT, 'the original text of an entry is immutable');
END;

CREATE VIEW entry_original AS
SELECT e.id AS id,
       e.source_id AS source_id,
       coalesce(e.title_open_original,
                (SELECT replace(CAST(substr(s.raw, e.title_open_at + 1, e.title_open_len)
                                     AS TEXT), char(13, 10), char(10))
                   FROM source s WHERE s.id = e.source_id)) AS title_open_original,
       coalesce(e.title_original,
                (SELECT replace(CAST(substr(s.raw, e.title_at + 1, e.title_len) AS TEXT),
                                char(13, 10), char(10))
                   FROM source s WHERE s.id = e.source_id)) AS title_original,
       coalesce(e.body_original,
                (SELECT replace(CAST(substr(s.raw, e.body_at + 1, e.body_len) AS TEXT),
                                char(13, 10), char(10))
                   FROM source s WHERE s.id = e.source_id)) AS body_original
  FROM entry e;
