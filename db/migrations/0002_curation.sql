-- 0002 curation: suggested tags and suggested photo links, each decided by the archivist.
--
-- They live apart from the OCR `suggestion` table because they are not text edits:
-- `fixes accept` must never try to apply one. A decision is kept (UNIQUE per target and
-- proposal), so a dismissed suggestion is not proposed again by the next scan.

CREATE TABLE tag_suggestion (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entry(id),
    path TEXT NOT NULL,              -- the tag proposed, e.g. 地区/普陀区
    rule TEXT NOT NULL,              -- TAG001 district, TAG002 organisation
    field TEXT NOT NULL,             -- where the evidence was found: title or body
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    evidence TEXT NOT NULL,          -- the words in the text
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'dismissed')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    revision_id INTEGER REFERENCES revision(id),
    UNIQUE (entry_id, path)
) STRICT;
CREATE INDEX tag_suggestion_status ON tag_suggestion(status, rule);

CREATE TABLE link_suggestion (
    id INTEGER PRIMARY KEY,
    photo_id INTEGER NOT NULL REFERENCES photo(id),
    entry_id INTEGER NOT NULL REFERENCES entry(id),
    score REAL NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'dismissed')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    revision_id INTEGER REFERENCES revision(id),
    UNIQUE (photo_id, entry_id)
) STRICT;
CREATE INDEX link_suggestion_status ON link_suggestion(status);
