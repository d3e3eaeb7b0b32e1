-- 0005 readable log: the schema says what a revision holds, one word for a decision.
--
-- * change_kind lists every kind of change: which table revision.target_id points
--   into, how before/after are encoded (plain text for the text of a block, JSON of the
--   whole state for everything else), which field it concerns and what the values hold.
--   revision.target_kind is a foreign key to it, so an unknown kind cannot be written.
--   app.storage.history.REVERTERS has one reverter per row (a test checks both ways).
-- * Kinds whose `field` used to say what the kind did not are split, so `field` is the
--   column for text kinds and one fixed name per structured kind:
--     attribution/entry   -> entry_authors/authors
--     attribution/photo   -> photo_photographers/photographers
--     tag/merge           -> tag_merge/merge
--     person/names        -> person_names/names
--     person/created      -> person_created/created
--     person/merged_into  -> person_merge/merged_into
--   Every revision is kept with its id, batch, author, time, cause and values.
-- * One word for "no" in the three suggestion tables: 'rejected' ('dismissed' in
--   tag_suggestion and link_suggestion becomes 'rejected'); the never-written status
--   'stale' is gone; suggestion.target_kind is checked.
-- * Dropped: the draft table (never written), and the search delete triggers on entry
--   and photo, which 0004 made unreachable (neither is ever deleted).
-- * Kept: meta, a key/value table for project settings.
--
-- Rebuilding revision and the suggestion tables needs foreign keys off; Project._migrate
-- turns them off around every migration and runs PRAGMA foreign_key_check before the
-- commit.

CREATE TABLE change_kind (
    kind TEXT PRIMARY KEY,
    target TEXT NOT NULL,            -- the table revision.target_id points into
    encoding TEXT NOT NULL CHECK (encoding IN ('text', 'json')),
    field TEXT,                      -- NULL: revision.field is the column edited
    holds TEXT NOT NULL              -- what before and after hold
) STRICT;

INSERT INTO change_kind (kind, target, encoding, field, holds) VALUES
    ('entry', 'entry', 'text', NULL, 'the text of title_open, title or body'),
    ('photo', 'photo', 'text', NULL, 'the text of the caption'),
    ('fragment', 'fragment', 'text', NULL, 'the text of a fragment'),
    ('entry_status', 'entry', 'json', 'status', '{"status", "by", "at"}: the review status'),
    ('entry_note', 'entry', 'json', 'note', 'the note, as a JSON string'),
    ('photo_note', 'photo', 'json', 'note', 'the note, as a JSON string'),
    ('entry_tags', 'entry', 'json', 'tags', 'the sorted list of the entry''s tag paths'),
    ('entry_authors', 'entry', 'json', 'authors',
     'the entry''s attributions in order: [{"id", "person_id", "role", "position", "raw", "origin", "name"}]'),
    ('photo_photographers', 'photo', 'json', 'photographers',
     'the photo''s attributions in order, as for entry_authors'),
    ('photo_link', 'photo', 'json', 'entries',
     'the photo''s links: [{"entry_id", "confirmed", "origin"}]'),
    ('tag', 'tag', 'json', 'tag',
     'the tag record {"id", "path", "color", "controlled"}; before NULL: the tag was created'),
    ('tag_merge', 'tag', 'json', 'merge',
     'before {"tag", "entries": [{"entry_id", "added_at", "added_by"}]}, after {"into", "added": [entry ids]}'),
    ('person_names', 'person', 'json', 'names', '{"name", "variants"}: the preferred name and variants'),
    ('person_created', 'person', 'json', 'created', 'before NULL, after {"name"}: the person was created'),
    ('person_merge', 'person', 'json', 'merged_into',
     'before {"merged_into": null, "attributions", "name"}, after {"merged_into", "attributions", "variants_added"}');

-- revision -----------------------------------------------------------------------------

CREATE TABLE revision_0005 (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER REFERENCES batch(id),
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    cause TEXT NOT NULL,            -- rule code(s), 'edit', 'replace', 'revert', 'convert:s2t', …
    target_kind TEXT NOT NULL REFERENCES change_kind(kind),
    target_id INTEGER NOT NULL,     -- a row of change_kind.target
    field TEXT NOT NULL,            -- the column (text kinds) or change_kind.field
    before TEXT,                    -- encoded as change_kind.encoding says; NULL: nothing
    after TEXT,
    reverts INTEGER REFERENCES revision(id)
) STRICT;

INSERT INTO revision_0005 (id, batch_id, at, who, cause, target_kind, target_id, field,
                           before, after, reverts)
SELECT id, batch_id, at, who, cause,
       CASE
           WHEN target_kind = 'attribution' AND field = 'entry' THEN 'entry_authors'
           WHEN target_kind = 'attribution' AND field = 'photo' THEN 'photo_photographers'
           WHEN target_kind = 'tag' AND field = 'merge' THEN 'tag_merge'
           WHEN target_kind = 'person' AND field = 'names' THEN 'person_names'
           WHEN target_kind = 'person' AND field = 'created' THEN 'person_created'
           WHEN target_kind = 'person' AND field = 'merged_into' THEN 'person_merge'
           ELSE target_kind
       END,
       target_id,
       CASE
           WHEN target_kind = 'attribution' AND field = 'entry' THEN 'authors'
           WHEN target_kind = 'attribution' AND field = 'photo' THEN 'photographers'
           ELSE field
       END,
       before, after, reverts
FROM revision ORDER BY id;

DROP TABLE revision;
ALTER TABLE revision_0005 RENAME TO revision;
CREATE INDEX revision_target ON revision(target_kind, target_id);
CREATE INDEX revision_batch ON revision(batch_id);

CREATE TRIGGER revision_append_only_update BEFORE UPDATE ON revision
BEGIN
    SELECT RAISE(ABORT, 'revisions are append-only');
END;
CREATE TRIGGER revision_append_only_delete BEFORE DELETE ON revision
BEGIN
    SELECT RAISE(ABORT, 'revisions are append-only');
END;
CREATE TRIGGER revision_no_replace BEFORE INSERT ON revision
WHEN EXISTS (SELECT 1 FROM revision WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'revisions are append-only');
END;

-- suggestion (OCR rules) ------------------------------------------------------------------

CREATE TABLE suggestion_0005 (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,              -- a stored code: curator rules
    target_kind TEXT NOT NULL CHECK (target_kind IN ('entry', 'photo', 'fragment')),
    target_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    before TEXT NOT NULL,
    after TEXT,                      -- NULL for display-only hints
    safety TEXT NOT NULL CHECK (safety IN ('safe', 'unsafe', 'display')),
    message TEXT NOT NULL,
    fingerprint TEXT NOT NULL,       -- rule + edit + text around, unique within the field
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    revision_id INTEGER REFERENCES revision(id)
) STRICT;

INSERT INTO suggestion_0005
SELECT id, rule, target_kind, target_id, field, start, "end", before, after, safety, message,
       fingerprint, CASE status WHEN 'stale' THEN 'pending' ELSE status END,
       created_at, decided_at, decided_by, revision_id
FROM suggestion ORDER BY id;

DROP TABLE suggestion;
ALTER TABLE suggestion_0005 RENAME TO suggestion;
CREATE INDEX suggestion_target ON suggestion(target_kind, target_id, field);
CREATE INDEX suggestion_status_rule ON suggestion(status, rule);

-- tag_suggestion --------------------------------------------------------------------------

CREATE TABLE tag_suggestion_0005 (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entry(id),
    path TEXT NOT NULL,              -- the tag proposed, e.g. 地区/普陀区
    rule TEXT NOT NULL,              -- TAG001 district, TAG002 organisation
    field TEXT NOT NULL CHECK (field IN ('title', 'body')),  -- where the evidence is
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    evidence TEXT NOT NULL,          -- the words in the text
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    revision_id INTEGER REFERENCES revision(id),
    UNIQUE (entry_id, path)
) STRICT;

INSERT INTO tag_suggestion_0005
SELECT id, entry_id, path, rule, field, start, "end", evidence,
       CASE status WHEN 'dismissed' THEN 'rejected' ELSE status END,
       created_at, decided_at, decided_by, revision_id
FROM tag_suggestion ORDER BY id;

DROP TABLE tag_suggestion;
ALTER TABLE tag_suggestion_0005 RENAME TO tag_suggestion;
CREATE INDEX tag_suggestion_status ON tag_suggestion(status, rule);

-- link_suggestion -------------------------------------------------------------------------

CREATE TABLE link_suggestion_0005 (
    id INTEGER PRIMARY KEY,
    photo_id INTEGER NOT NULL REFERENCES photo(id),
    entry_id INTEGER NOT NULL REFERENCES entry(id),
    score REAL NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    revision_id INTEGER REFERENCES revision(id),
    UNIQUE (photo_id, entry_id)
) STRICT;

INSERT INTO link_suggestion_0005
SELECT id, photo_id, entry_id, score, reason,
       CASE status WHEN 'dismissed' THEN 'rejected' ELSE status END,
       created_at, decided_at, decided_by, revision_id
FROM link_suggestion ORDER BY id;

DROP TABLE link_suggestion;
ALTER TABLE link_suggestion_0005 RENAME TO link_suggestion;
CREATE INDEX link_suggestion_status ON link_suggestion(status);

-- what is never used -------------------------------------------------------------------

DROP TABLE draft;
DROP TRIGGER search_entry_delete;
DROP TRIGGER search_photo_delete_before;
DROP TRIGGER search_photo_delete_after;
