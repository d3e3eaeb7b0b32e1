-- 0003 search: an FTS5 index over a folded shadow of every entry, kept by triggers.
--
-- Each entry has two index rows: rowid 2*id (title, body) and 2*id+1 ("extra": the
-- entry's note, the captions and notes of its linked photos, the names of its authors
-- and of those photos' photographers). Splitting them keeps a long body from being
-- re-tokenised when a link, an attribution or a name changes.
--
-- The index is external-content over the view search_source, which computes the shadow
-- through the SQL functions search_bi()/search_uni() that app.storage.search registers
-- on every connection (db.CONNECTION_HOOKS). So FTS5's integrity-check with rank=1
-- compares the index with what the text says now, and 'rebuild' can always restore it.
-- Stored text is never changed.
--
-- Triggers: the title/body row is deleted with OLD values and inserted with NEW ones;
-- the extra row, which depends on several tables, is deleted in a BEFORE trigger (the
-- view still shows the old state) and inserted again in an AFTER trigger.
--
-- Bulk mode (app.storage.search.bulk_index, for an import inside its own transaction):
-- while search_state holds 'bulk_entry'/'bulk_photo' (the highest ids before the
-- import), the INSERT triggers skip rows that only concern entries and photos created
-- after them, and bulk_index indexes those entries in one statement at the end. On
-- SQLite 3.40 every trigger write to FTS5 flushes a segment (statement savepoint), so
-- per-row indexing of 100,000 entries costs several times one INSERT … SELECT.

CREATE VIEW search_main_source AS
SELECT
    id AS entry_id,
    search_bi(title) AS title_b,
    search_uni(title) AS title_u,
    search_bi(body) AS body_b,
    search_uni(body) AS body_u
FROM entry;

CREATE VIEW search_extra_text AS
SELECT
    e.id AS entry_id,
    e.note
    || char(30) || coalesce((
        SELECT group_concat(p.caption || char(30) || p.note, char(30))
        FROM photo_link pl JOIN photo p ON p.id = pl.photo_id
        WHERE pl.entry_id = e.id), '')
    || char(30) || coalesce((
        SELECT group_concat(pe.name, char(30))
        FROM (SELECT person_id FROM attribution WHERE entry_id = e.id
              UNION ALL
              SELECT a.person_id FROM photo_link pl JOIN attribution a ON a.photo_id = pl.photo_id
              WHERE pl.entry_id = e.id) x
        JOIN person pe ON pe.id = x.person_id), '')
    AS text
FROM entry e;

CREATE VIEW search_extra_source AS
SELECT entry_id, search_bi(text) AS extra_b, search_uni(text) AS extra_u
FROM search_extra_text;

CREATE VIEW search_source AS
SELECT entry_id * 2 AS rid, title_b, title_u, body_b, body_u, '' AS extra_b, '' AS extra_u
FROM search_main_source
UNION ALL
SELECT entry_id * 2 + 1 AS rid, '', '', '', '', extra_b, extra_u
FROM search_extra_source;

CREATE VIRTUAL TABLE search_fts USING fts5(
    title_b, title_u, body_b, body_u, extra_b, extra_u,
    content = 'search_source',
    content_rowid = 'rid',
    tokenize = 'ascii'
);
-- Every trigger write is its own FTS5 flush on SQLite 3.40 (a statement savepoint), so
-- an import makes one small segment per row; merging them only when 64 have piled up on
-- a level halved the import time of 20,000 entries and left query times unchanged.
INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0);
INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 64);

CREATE TABLE search_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
-- The shadow this index was built with; a different one makes search() rebuild it.
INSERT INTO search_state (key, value) VALUES ('version', search_index_version());
-- entry: title and body ---------------------------------------------------------------

CREATE TRIGGER search_entry_insert AFTER INSERT ON entry
WHEN new.id <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), new.id)
BEGIN
    INSERT INTO search_fts (rowid, title_b, title_u, body_b, body_u)
    VALUES (new.id * 2, search_bi(new.title), search_uni(new.title),
            search_bi(new.body), search_uni(new.body));
    INSERT INTO search_fts (rowid, extra_b, extra_u)
    SELECT new.id * 2 + 1, extra_b, extra_u FROM search_extra_source WHERE entry_id = new.id;
END;

CREATE TRIGGER search_entry_update AFTER UPDATE OF title, body ON entry
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    VALUES ('delete', old.id * 2, search_bi(old.title), search_uni(old.title),
            search_bi(old.body), search_uni(old.body), '', '');
    INSERT INTO search_fts (rowid, title_b, title_u, body_b, body_u)
    VALUES (new.id * 2, search_bi(new.title), search_uni(new.title),
            search_bi(new.body), search_uni(new.body));
END;

CREATE TRIGGER search_entry_delete BEFORE DELETE ON entry
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    VALUES ('delete', old.id * 2, search_bi(old.title), search_uni(old.title),
            search_bi(old.body), search_uni(old.body), '', '');
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    SELECT 'delete', old.id * 2 + 1, '', '', '', '', extra_b, extra_u
    FROM search_extra_source WHERE entry_id = old.id;
END;
-- the extra row: entry note ------------------------------------------------------------

CREATE TRIGGER search_entry_note_before BEFORE UPDATE OF note ON entry
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    SELECT 'delete', entry_id * 2 + 1, '', '', '', '', extra_b, extra_u
    FROM search_extra_source WHERE entry_id = old.id;
END;

CREATE TRIGGER search_entry_note_after AFTER UPDATE OF note ON entry
BEGIN
    INSERT INTO search_fts (rowid, extra_b, extra_u)
    SELECT entry_id * 2 + 1, extra_b, extra_u FROM search_extra_source WHERE entry_id = new.id;
END;
-- photo caption and note: every entry the photo is linked to ----------------------------

CREATE TRIGGER search_photo_before BEFORE UPDATE OF caption, note ON photo
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    SELECT 'delete', entry_id * 2 + 1, '', '', '', '', extra_b, extra_u
    FROM search_extra_source
    WHERE entry_id IN (SELECT entry_id FROM photo_link WHERE photo_id = old.id);
END;

CREATE TRIGGER search_photo_after AFTER UPDATE OF caption, note ON photo
BEGIN
    INSERT INTO search_fts (rowid, extra_b, extra_u)
    SELECT entry_id * 2 + 1, extra_b, extra_u FROM search_extra_source
    WHERE entry_id IN (SELECT entry_id FROM photo_link WHERE photo_id = new.id);
END;

CREATE TRIGGER search_photo_delete_before BEFORE DELETE ON photo
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    SELECT 'delete', entry_id * 2 + 1, '', '', '', '', extra_b, extra_u
    FROM search_extra_source
    WHERE entry_id IN (SELECT entry_id FROM photo_link WHERE photo_id = old.id);
END;

CREATE TRIGGER search_photo_delete_after AFTER DELETE ON photo
BEGIN
    INSERT INTO search_fts (rowid, extra_b, extra_u)
    SELECT entry_id * 2 + 1, extra_b, extra_u FROM search_extra_source
    WHERE entry_id IN (SELECT entry_id FROM photo_link WHERE photo_id = old.id);
END;
-- photo links ---------------------------------------------------------------------------

CREATE TRIGGER search_link_insert_before BEFORE INSERT ON photo_link
WHEN new.entry_id <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), new.entry_id)
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    SELECT 'delete', entry_id * 2 + 1, '', '', '', '', extra_b, extra_u
    FROM search_extra_source WHERE entry_id = new.entry_id;
END;

CREATE TRIGGER search_link_insert_after AFTER INSERT ON photo_link
WHEN new.entry_id <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), new.entry_id)
BEGIN
    INSERT INTO search_fts (rowid, extra_b, extra_u)
    SELECT entry_id * 2 + 1, extra_b, extra_u FROM search_extra_source
    WHERE entry_id = new.entry_id;
END;

CREATE TRIGGER search_link_delete_before BEFORE DELETE ON photo_link
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    SELECT 'delete', entry_id * 2 + 1, '', '', '', '', extra_b, extra_u
    FROM search_extra_source WHERE entry_id = old.entry_id;
END;

CREATE TRIGGER search_link_delete_after AFTER DELETE ON photo_link
BEGIN
    INSERT INTO search_fts (rowid, extra_b, extra_u)
    SELECT entry_id * 2 + 1, extra_b, extra_u FROM search_extra_source
    WHERE entry_id = old.entry_id;
END;

CREATE TRIGGER search_link_update_before BEFORE UPDATE OF photo_id, entry_id ON photo_link
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    SELECT 'delete', entry_id * 2 + 1, '', '', '', '', extra_b, extra_u
    FROM search_extra_source WHERE entry_id IN (old.entry_id, new.entry_id);
END;

CREATE TRIGGER search_link_update_after AFTER UPDATE OF photo_id, entry_id ON photo_link
BEGIN
    INSERT INTO search_fts (rowid, extra_b, extra_u)
    SELECT entry_id * 2 + 1, extra_b, extra_u FROM search_extra_source
    WHERE entry_id IN (old.entry_id, new.entry_id);
END;
-- attributions (authors of the entry, photographers of its photos) -----------------------

CREATE TRIGGER search_attribution_insert_before BEFORE INSERT ON attribution
WHEN coalesce(new.entry_id, 0) <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), new.entry_id, 0)
 AND coalesce(new.photo_id, 0) <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_photo'), new.photo_id, 0)
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    SELECT 'delete', entry_id * 2 + 1, '', '', '', '', extra_b, extra_u
    FROM search_extra_source
    WHERE entry_id IN (SELECT new.entry_id
                       UNION SELECT entry_id FROM photo_link WHERE photo_id = new.photo_id);
END;

CREATE TRIGGER search_attribution_insert_after AFTER INSERT ON attribution
WHEN coalesce(new.entry_id, 0) <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_entry'), new.entry_id, 0)
 AND coalesce(new.photo_id, 0) <= coalesce((SELECT CAST(value AS INTEGER) FROM search_state WHERE key = 'bulk_photo'), new.photo_id, 0)
BEGIN
    INSERT INTO search_fts (rowid, extra_b, extra_u)
    SELECT entry_id * 2 + 1, extra_b, extra_u FROM search_extra_source
    WHERE entry_id IN (SELECT new.entry_id
                       UNION SELECT entry_id FROM photo_link WHERE photo_id = new.photo_id);
END;

CREATE TRIGGER search_attribution_delete_before BEFORE DELETE ON attribution
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    SELECT 'delete', entry_id * 2 + 1, '', '', '', '', extra_b, extra_u
    FROM search_extra_source
    WHERE entry_id IN (SELECT old.entry_id
                       UNION SELECT entry_id FROM photo_link WHERE photo_id = old.photo_id);
END;

CREATE TRIGGER search_attribution_delete_after AFTER DELETE ON attribution
BEGIN
    INSERT INTO search_fts (rowid, extra_b, extra_u)
    SELECT entry_id * 2 + 1, extra_b, extra_u FROM search_extra_source
    WHERE entry_id IN (SELECT old.entry_id
                       UNION SELECT entry_id FROM photo_link WHERE photo_id = old.photo_id);
END;

CREATE TRIGGER search_attribution_update_before
BEFORE UPDATE OF person_id, entry_id, photo_id ON attribution
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    SELECT 'delete', entry_id * 2 + 1, '', '', '', '', extra_b, extra_u
    FROM search_extra_source
    WHERE entry_id IN (SELECT old.entry_id UNION SELECT new.entry_id
                       UNION SELECT entry_id FROM photo_link WHERE photo_id IN (old.photo_id, new.photo_id));
END;

CREATE TRIGGER search_attribution_update_after
AFTER UPDATE OF person_id, entry_id, photo_id ON attribution
BEGIN
    INSERT INTO search_fts (rowid, extra_b, extra_u)
    SELECT entry_id * 2 + 1, extra_b, extra_u FROM search_extra_source
    WHERE entry_id IN (SELECT old.entry_id UNION SELECT new.entry_id
                       UNION SELECT entry_id FROM photo_link WHERE photo_id IN (old.photo_id, new.photo_id));
END;
-- a person's name ---------------------------------------------------------------------

CREATE TRIGGER search_person_before BEFORE UPDATE OF name ON person
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_b, title_u, body_b, body_u, extra_b, extra_u)
    SELECT 'delete', entry_id * 2 + 1, '', '', '', '', extra_b, extra_u
    FROM search_extra_source
    WHERE entry_id IN (SELECT entry_id FROM attribution WHERE person_id = old.id
                       UNION SELECT pl.entry_id FROM attribution a JOIN photo_link pl
                       ON pl.photo_id = a.photo_id WHERE a.person_id = old.id);
END;

CREATE TRIGGER search_person_after AFTER UPDATE OF name ON person
BEGIN
    INSERT INTO search_fts (rowid, extra_b, extra_u)
    SELECT entry_id * 2 + 1, extra_b, extra_u FROM search_extra_source
    WHERE entry_id IN (SELECT entry_id FROM attribution WHERE person_id = new.id
                       UNION SELECT pl.entry_id FROM attribution a JOIN photo_link pl
                       ON pl.photo_id = a.photo_id WHERE a.person_id = new.id);
END;
-- existing projects: index what is already there ----------------------------------------

INSERT INTO search_fts (search_fts) VALUES ('rebuild');
