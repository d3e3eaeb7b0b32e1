-- 0019 source text: a source's decoded text is stored only when its bytes cannot give
-- it back (issue 16). source.text was a second copy of every source (120 MB of a
-- 100,000-entry volume's 1.1 GB project); now it is NULL when decoding raw (after its
-- byte-order mark, when bom says it has one) with the recorded encoding gives exactly the
-- text the import read, which is what the import itself decoded. Every reader goes
-- through app.storage.sources, which decodes raw when text is NULL (UTF-8 in SQL, so
-- the window still cuts a source's excerpt out without reading the whole text).
--
-- The table is rebuilt (text loses NOT NULL), with its triggers; a source's text stays
-- immutable, NULL or not. Existing UTF-8 sources whose stored text is byte for byte
-- their bytes lose their copy here; a source in another encoding keeps it (SQL cannot
-- decode it).

CREATE TABLE source_0019 (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    path TEXT NOT NULL,
    images_dirs TEXT NOT NULL DEFAULT '[]',  -- JSON list of folders photo links resolve in
    encoding TEXT NOT NULL,
    bom INTEGER NOT NULL,
    newline TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    raw BLOB NOT NULL,
    text TEXT,  -- NULL: raw decoded with encoding (its BOM left out) is the text
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
) STRICT;

INSERT INTO source_0019 (id, file_name, path, images_dirs, encoding, bom, newline, sha256,
                         size, raw, text, imported_at, imported_by)
SELECT id, file_name, path, images_dirs, encoding, bom, newline, sha256, size, raw,
       CASE
           WHEN encoding = 'utf-8' AND bom = 0 AND CAST(raw AS TEXT) = text THEN NULL
           WHEN encoding = 'utf-8' AND bom = 1 AND substr(raw, 1, 3) = x'efbbbf'
                AND CAST(substr(raw, 4) AS TEXT) = text THEN NULL
           ELSE text
       END,
       imported_at, imported_by
FROM source ORDER BY id;

DROP TABLE source;
ALTER TABLE source_0019 RENAME TO source;

CREATE TRIGGER source_immutable BEFORE UPDATE OF raw, text, sha256, size, encoding, bom ON source
BEGIN
    SELECT RAISE(ABORT, 'the source as imported is immutable');
END;
CREATE TRIGGER source_undeletable BEFORE DELETE ON source
BEGIN
    SELECT RAISE(ABORT, 'a source is never deleted');
END;
CREATE TRIGGER source_no_replace BEFORE INSERT ON source
WHEN EXISTS (SELECT 1 FROM source WHERE id = NEW.id OR sha256 = NEW.sha256)
BEGIN
    SELECT RAISE(ABORT, 'the source as imported is immutable');
END;
