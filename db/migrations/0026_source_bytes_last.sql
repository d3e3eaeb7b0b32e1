-- 0026 source bytes last: source.raw becomes the row's last column (issue 16). The
-- import writes a source's bytes piece by piece into a row made with zeroblob(size)
-- (incremental blob I/O), so that the bytes of a large volume are never one value in
-- memory; SQLite writes a zeroblob that ends its record as zeros on the pages, but one
-- followed by other columns is first made in memory, zeros and all (350 MB for a
-- 120 MB source). Nothing else changes: same columns, constraints and triggers
-- (0019's), the bytes and text copied as they are.
--
-- The table is rebuilt as 0019 did it. The entry_original view (0022) reads source
-- by name; legacy_alter_table keeps the rename from re-checking it while the old table
-- is gone (it reads the new one after).

CREATE TABLE source_0026 (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    path TEXT NOT NULL,
    images_dirs TEXT NOT NULL DEFAULT '[]',  -- JSON list of folders photo links resolve in
    encoding TEXT NOT NULL,
    bom INTEGER NOT NULL,
    newline TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    text TEXT,  -- NULL: raw decoded with encoding (its BOM left out) is the text
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    raw BLOB NOT NULL  -- last: see above
) STRICT;

INSERT INTO source_0026 (id, file_name, path, images_dirs, encoding, bom, newline, sha256,
                         size, text, imported_at, imported_by, raw)
SELECT id, file_name, path, images_dirs, encoding, bom, newline, sha256, size, text,
       imported_at, imported_by, raw
FROM source ORDER BY id;

PRAGMA legacy_alter_table = ON;
DROP TABLE source;
ALTER TABLE source_0026 RENAME TO source;
PRAGMA legacy_alter_table = OFF;

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
