-- 0012 standard file: the project is an ordinary SQLite file that any tool can read and
-- write (the sqlite3 shell, sqlite-utils, Datasette), and a `.dump` restored elsewhere is
-- still the same project.
--
-- Until now the search index's views and triggers called search_bi()/search_uni(), SQL
-- functions only the app registers: another tool failed on every write to an entry and
-- on reading the views. Now no view and no trigger calls an app function:
--
-- * search_fts indexes each entry's title and body (rowid = entry id). It is declared
--   over content="entry", so Datasette and sqlite-utils see it as entry's full-text
--   index (a search box on the entry table), and reading it returns the entry's text.
--   The tokens are the app's folded shadow (app.domain.search_text.index_tokens: the
--   character bigrams then the characters), written by the app; "工会" is one bigram
--   token, so a search for it from Datasette finds what the app's search finds. Never
--   run FTS5's 'rebuild' on it: it would index the raw text instead (the app rebuilds
--   it itself when it notices, see app.storage.search).
-- * search_extra_fts indexes the rest (the note, captions and notes of linked photos,
--   authors' and photographers' names), one row per entry that has any (rowid = entry
--   id); a plain FTS5 table.
-- * The triggers only mark entries in search_dirty, saving the title and body that the
--   index holds for the entry the first time it is marked (FTS5 needs them to take the
--   entry out). The app brings the index up to date for the marked entries before each
--   of its own commits, when it opens the project and before every search; marks found
--   at open were left by another program (curator check says so).
--
-- project_format says in a table what PRAGMA application_id and user_version say in the
-- file header, which a `.dump` loses: a restored dump opens as the same project.

DROP TRIGGER search_entry_insert;
DROP TRIGGER search_entry_update;
DROP TRIGGER search_entry_note_before;
DROP TRIGGER search_entry_note_after;
DROP TRIGGER search_photo_before;
DROP TRIGGER search_photo_after;
DROP TRIGGER search_link_insert_before;
DROP TRIGGER search_link_insert_after;
DROP TRIGGER search_link_delete_before;
DROP TRIGGER search_link_delete_after;
DROP TRIGGER search_link_update_before;
DROP TRIGGER search_link_update_after;
DROP TRIGGER search_attribution_insert_before;
DROP TRIGGER search_attribution_insert_after;
DROP TRIGGER search_attribution_delete_before;
DROP TRIGGER search_attribution_delete_after;
DROP TRIGGER search_attribution_update_before;
DROP TRIGGER search_attribution_update_after;
DROP TRIGGER search_person_before;
DROP TRIGGER search_person_after;
DROP TABLE search_fts;
DROP VIEW search_source;
DROP VIEW search_main_source;
DROP VIEW search_extra_source;

CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body,
    content="entry",
    content_rowid="id",
    tokenize="ascii"
);
INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0);
INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 64);

CREATE VIRTUAL TABLE search_extra_fts USING fts5(extra, tokenize="ascii");

-- main: 'same'  the title/body row in search_fts is the entry's current text;
--       'old'   search_fts holds title/body as saved here (changed or deleted since);
--       'new'   search_fts holds no row for the entry (inserted since).
CREATE TABLE search_dirty (
    entry_id INTEGER PRIMARY KEY,
    main TEXT NOT NULL CHECK (main IN ('same', 'old', 'new')),
    title TEXT,
    body TEXT
) STRICT;

-- Nothing indexed yet: the app indexes every entry the next time it opens the project.
DELETE FROM search_state WHERE key = 'version';

CREATE TABLE project_format (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
INSERT INTO project_format (key, value) VALUES
    ('application', 'Yearbook Curator'),
    ('application_id', '1497514837'),
    ('schema_version', '12');

-- entry: title and body -----------------------------------------------------------------
-- (bulk mode, see 0003 and app.storage.search.bulk_index: rows of entries and photos
-- created inside the import are indexed by the import itself, not marked)

CREATE TRIGGER search_entry_insert AFTER INSERT ON entry
WHEN new.id <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), new.id)
BEGIN
    INSERT OR IGNORE INTO search_dirty (entry_id, main) VALUES (new.id, 'new');
END;

CREATE TRIGGER search_entry_update AFTER UPDATE OF id, title, body ON entry
WHEN old.id <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), old.id)
BEGIN
    INSERT INTO search_dirty (entry_id, main, title, body) VALUES (old.id, 'old', old.title, old.body)
    ON CONFLICT (entry_id) DO UPDATE SET main = 'old', title = excluded.title, body = excluded.body
    WHERE main = 'same';
    INSERT OR IGNORE INTO search_dirty (entry_id, main) VALUES (new.id, 'new');
END;

-- (entries and photos are never deleted: 0004's triggers refuse it)

-- the extra text: entry note, photos' captions and notes, links, attributions, names ----

CREATE TRIGGER search_entry_note AFTER UPDATE OF note ON entry
WHEN new.id <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), new.id)
BEGIN
    INSERT OR IGNORE INTO search_dirty (entry_id, main) VALUES (new.id, 'same');
END;

CREATE TRIGGER search_photo_update AFTER UPDATE OF caption, note ON photo
BEGIN
    INSERT OR IGNORE INTO search_dirty (entry_id, main)
    SELECT entry_id, 'same' FROM photo_link WHERE photo_id IN (old.id, new.id)
    AND entry_id <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), entry_id);
END;

CREATE TRIGGER search_link_insert AFTER INSERT ON photo_link
WHEN new.entry_id <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), new.entry_id)
BEGIN
    INSERT OR IGNORE INTO search_dirty (entry_id, main) VALUES (new.entry_id, 'same');
END;

CREATE TRIGGER search_link_delete AFTER DELETE ON photo_link
WHEN old.entry_id <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), old.entry_id)
BEGIN
    INSERT OR IGNORE INTO search_dirty (entry_id, main) VALUES (old.entry_id, 'same');
END;

CREATE TRIGGER search_link_update AFTER UPDATE OF photo_id, entry_id ON photo_link
BEGIN
    INSERT OR IGNORE INTO search_dirty (entry_id, main)
    SELECT value, 'same' FROM (SELECT old.entry_id AS value UNION SELECT new.entry_id)
    WHERE value <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), value);
END;

CREATE TRIGGER search_attribution_insert AFTER INSERT ON attribution
WHEN coalesce(new.entry_id, 0) <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), new.entry_id, 0)
 AND coalesce(new.photo_id, 0) <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_photo'), new.photo_id, 0)
BEGIN
    INSERT OR IGNORE INTO search_dirty (entry_id, main)
    SELECT value, 'same' FROM (SELECT new.entry_id AS value
                               UNION SELECT entry_id FROM photo_link WHERE photo_id = new.photo_id)
    WHERE value IS NOT NULL;
END;

CREATE TRIGGER search_attribution_delete AFTER DELETE ON attribution
BEGIN
    INSERT OR IGNORE INTO search_dirty (entry_id, main)
    SELECT value, 'same' FROM (SELECT old.entry_id AS value
                               UNION SELECT entry_id FROM photo_link WHERE photo_id = old.photo_id)
    WHERE value IS NOT NULL
    AND value <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), value);
END;

CREATE TRIGGER search_attribution_update AFTER UPDATE OF person_id, entry_id, photo_id ON attribution
BEGIN
    INSERT OR IGNORE INTO search_dirty (entry_id, main)
    SELECT value, 'same' FROM (SELECT old.entry_id AS value UNION SELECT new.entry_id
                               UNION SELECT entry_id FROM photo_link
                               WHERE photo_id IN (old.photo_id, new.photo_id))
    WHERE value IS NOT NULL
    AND value <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), value);
END;

CREATE TRIGGER search_person_update AFTER UPDATE OF name ON person
BEGIN
    INSERT OR IGNORE INTO search_dirty (entry_id, main)
    SELECT entry_id, 'same' FROM attribution WHERE person_id = new.id AND entry_id IS NOT NULL
    UNION SELECT pl.entry_id, 'same' FROM attribution a JOIN photo_link pl ON pl.photo_id = a.photo_id
    WHERE a.person_id = new.id;
END;
