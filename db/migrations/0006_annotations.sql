-- annotations: spans marked inside titles, bodies and captions (people, places,
-- organisations, dates, quantities, terms, comments); place and organisation records
-- beside person records; suggested annotations and the decisions on them.
--
-- An annotation keeps its span twice (W3C Web Annotation): the position (field, start,
-- end) and the quote (exact, with prefix and suffix). status 'needs_review' means the
-- quoted text was changed by an edit: the row is kept, never moved on a guess.
-- Creating, editing, relinking and removing an annotation or a record are revisions
-- (target_kind 'annotation' / 'record' / 'person_info'); ids are never reused
-- (AUTOINCREMENT), so a revert can put a removed row back under its own id.

ALTER TABLE person ADD COLUMN reading TEXT;       -- pinyin for the index; NULL: pypinyin's
ALTER TABLE person ADD COLUMN cbdb_id TEXT;       -- China Biographical Database person id
ALTER TABLE person ADD COLUMN wikidata TEXT;      -- Wikidata QID (Q…)

CREATE TABLE record (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('place', 'organisation')),
    name TEXT NOT NULL,
    merged_into INTEGER REFERENCES record(id),  -- set when merged; the row is kept
    reading TEXT,
    wikidata TEXT,
    chgis_id TEXT,                               -- China Historical GIS place id
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX record_kind_name ON record(kind, name);

CREATE TABLE record_variant (
    record_id INTEGER NOT NULL REFERENCES record(id),
    variant TEXT NOT NULL,
    UNIQUE (record_id, variant)
) STRICT;
CREATE INDEX record_variant_variant ON record_variant(variant);

CREATE TABLE annotation (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL
        CHECK (kind IN ('person', 'place', 'organisation', 'date', 'quantity', 'term', 'comment')),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('entry', 'photo')),
    target_id INTEGER NOT NULL,
    field TEXT NOT NULL CHECK (field IN ('title', 'body', 'caption')),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    person_id INTEGER REFERENCES person(id),
    record_id INTEGER REFERENCES record(id),
    note TEXT NOT NULL DEFAULT '',
    "when" TEXT,
    quantity TEXT,
    unit TEXT,
    approximate INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'needs_review')),
    origin TEXT NOT NULL DEFAULT 'hand',         -- 'hand' or the suggesting rule (ANN004 …)
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK (0 <= start AND start <= "end"),
    CHECK (person_id IS NULL OR kind = 'person'),
    CHECK (record_id IS NULL OR kind IN ('place', 'organisation'))
) STRICT;
CREATE INDEX annotation_target ON annotation(target_kind, target_id, field, start);
CREATE INDEX annotation_person ON annotation(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX annotation_record ON annotation(record_id) WHERE record_id IS NOT NULL;
CREATE INDEX annotation_review ON annotation(status) WHERE status = 'needs_review';

CREATE TABLE annotation_suggestion (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('person', 'place', 'organisation', 'date', 'quantity', 'term', 'comment')),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('entry', 'photo')),
    target_id INTEGER NOT NULL,
    field TEXT NOT NULL CHECK (field IN ('title', 'body', 'caption')),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    exact TEXT NOT NULL,
    safety TEXT NOT NULL CHECK (safety IN ('safe', 'unsafe')),
    message TEXT NOT NULL,
    "when" TEXT,
    quantity TEXT,
    unit TEXT,
    approximate INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),
    record_name TEXT,                            -- the record it would link to, by name
    person_id INTEGER REFERENCES person(id),     -- or a known record
    record_id INTEGER REFERENCES record(id),
    fingerprint TEXT NOT NULL,                   -- rule + kind + text around, within the field
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    annotation_id INTEGER REFERENCES annotation(id)
) STRICT;
CREATE INDEX annotation_suggestion_target ON annotation_suggestion(target_kind, target_id, field);
CREATE INDEX annotation_suggestion_status ON annotation_suggestion(status, rule);

INSERT INTO change_kind (kind, target, encoding, field, holds) VALUES
    ('annotation', 'annotation', 'json', 'annotation',
     'the annotation {"kind", "target_kind", "target_id", "field", "start", "end", "exact", "prefix", "suffix", "record_id", "note", "when", "quantity", "unit", "approximate", "status", "origin"[, "suggestion_id"]}; before NULL: created, after NULL: removed'),
    ('annotation_suggestion', 'annotation_suggestion', 'json', 'status',
     '{"status"}: a decision on a suggested annotation (pending → rejected)'),
    ('record', 'record', 'json', 'record',
     'a place or organisation {"kind", "name", "variants", "reading", "wikidata"[, "chgis_id"]}; before NULL: created'),
    ('record_merge', 'record', 'json', 'merged_into',
     'before {"merged_into": null, "annotations", "name"}, after {"merged_into", "annotations", "variants_added"}'),
    ('person_info', 'person', 'json', 'info', '{"reading", "cbdb_id", "wikidata"} of a person'),
    ('person_annotations', 'person', 'json', 'annotations',
     '{"person_id", "annotations"}: the annotations a merge of two people moved');
