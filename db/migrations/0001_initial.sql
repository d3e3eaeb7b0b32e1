-- 0001 initial: sources, blocks (entries, photos, fragments), people and attributions,
-- tags, photo links, suggestions, and the append-only revision log.
--
-- Rules enforced here rather than in Python, so no code path can break them:
--   * a source's bytes, text and hash never change and a source is never deleted;
--   * the *_original columns hold the text as imported and never change;
--   * revisions and batches are append-only.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE source (
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
    text TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
) STRICT;

CREATE TRIGGER source_immutable BEFORE UPDATE OF raw, text, sha256, size, encoding, bom ON source
BEGIN
    SELECT RAISE(ABORT, 'the source as imported is immutable');
END;
CREATE TRIGGER source_undeletable BEFORE DELETE ON source
BEGIN
    SELECT RAISE(ABORT, 'a source is never deleted');
END;

CREATE TABLE entry (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES source(id),
    seq INTEGER NOT NULL,
    line INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    title_open TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    title_open_original TEXT NOT NULL,
    title_original TEXT NOT NULL,
    body_original TEXT NOT NULL,
    layout TEXT NOT NULL DEFAULT '{}',  -- JSON: attribution layout, newline
    status TEXT NOT NULL DEFAULT 'unreviewed'
        CHECK (status IN ('unreviewed', 'in_progress', 'reviewed')),
    status_by TEXT,
    status_at TEXT,
    note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX entry_source_seq ON entry(source_id, seq);
CREATE INDEX entry_status ON entry(status);

CREATE TRIGGER entry_original_immutable
BEFORE UPDATE OF title_open_original, title_original, body_original, source_id, start, "end" ON entry
BEGIN
    SELECT RAISE(ABORT, 'the original text of an entry is immutable');
END;

CREATE TABLE photo (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES source(id),
    seq INTEGER NOT NULL,
    line INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    path TEXT NOT NULL,            -- link target as written in the source
    alt TEXT NOT NULL,
    caption TEXT NOT NULL,
    caption_original TEXT NOT NULL,
    layout TEXT NOT NULL DEFAULT '{}',  -- JSON: credit layout, caption line, newline
    file TEXT,                      -- resolved file inside an allowed folder
    file_status TEXT NOT NULL CHECK (file_status IN ('ok', 'missing', 'refused', 'damaged')),
    file_problem TEXT,
    note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX photo_source_seq ON photo(source_id, seq);

CREATE TRIGGER photo_original_immutable
BEFORE UPDATE OF caption_original, path, source_id, start, "end" ON photo
BEGIN
    SELECT RAISE(ABORT, 'the original text of a photo is immutable');
END;

CREATE TABLE fragment (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES source(id),
    seq INTEGER NOT NULL,
    line INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_original TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX fragment_source_seq ON fragment(source_id, seq);

CREATE TRIGGER fragment_original_immutable
BEFORE UPDATE OF text_original, source_id, start, "end" ON fragment
BEGIN
    SELECT RAISE(ABORT, 'the original text of a fragment is immutable');
END;

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    merged_into INTEGER REFERENCES person(id),  -- set when merged; the row is kept
    created_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX person_name ON person(name);

CREATE TABLE person_variant (
    person_id INTEGER NOT NULL REFERENCES person(id),
    variant TEXT NOT NULL,
    UNIQUE (person_id, variant)
) STRICT;
CREATE INDEX person_variant_variant ON person_variant(variant);

CREATE TABLE attribution (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    role TEXT NOT NULL CHECK (role IN ('author', 'photographer')),
    entry_id INTEGER REFERENCES entry(id),
    photo_id INTEGER REFERENCES photo(id),
    position INTEGER NOT NULL DEFAULT 0,
    raw TEXT NOT NULL,              -- the name as printed
    origin TEXT NOT NULL DEFAULT 'import',
    CHECK ((entry_id IS NULL) <> (photo_id IS NULL))
) STRICT;
CREATE INDEX attribution_entry ON attribution(entry_id);
CREATE INDEX attribution_photo ON attribution(photo_id);
CREATE INDEX attribution_person ON attribution(person_id);

CREATE TABLE photo_link (
    photo_id INTEGER NOT NULL REFERENCES photo(id),
    entry_id INTEGER NOT NULL REFERENCES entry(id),
    confirmed INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL DEFAULT 'import',
    PRIMARY KEY (photo_id, entry_id)
) STRICT;
CREATE INDEX photo_link_entry ON photo_link(entry_id);

CREATE TABLE tag (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,      -- hierarchy with "/": 地区/普陀区
    color TEXT,
    controlled INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE entry_tag (
    entry_id INTEGER NOT NULL REFERENCES entry(id),
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (entry_id, tag_id)
) STRICT;
CREATE INDEX entry_tag_tag ON entry_tag(tag_id);

CREATE TABLE batch (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    kind TEXT NOT NULL,             -- import, accept, replace, revert, edit, convert, …
    label TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE revision (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER REFERENCES batch(id),
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    cause TEXT NOT NULL,            -- rule code, 'edit', 'replace', 'revert', …
    target_kind TEXT NOT NULL,      -- entry, photo, fragment, attribution, tag, …
    target_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    before TEXT,
    after TEXT,
    reverts INTEGER REFERENCES revision(id)
) STRICT;
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
CREATE TRIGGER batch_append_only_delete BEFORE DELETE ON batch
BEGIN
    SELECT RAISE(ABORT, 'batches are append-only');
END;

CREATE TABLE suggestion (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,
    target_kind TEXT NOT NULL,
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
        CHECK (status IN ('pending', 'accepted', 'rejected', 'stale')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    revision_id INTEGER REFERENCES revision(id)
) STRICT;
CREATE INDEX suggestion_target ON suggestion(target_kind, target_id, field);
CREATE INDEX suggestion_status_rule ON suggestion(status, rule);

CREATE TABLE draft (
    target_kind TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    text TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (target_kind, target_id, field)
) STRICT;
