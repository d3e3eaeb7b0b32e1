-- 0015 suggestion packs: the import stores the rules' pending suggestions of one field,
-- rule and safety as one row instead of one row each (a 10,000-entry volume: 193,638
-- rows became 21,326 packs), and a suggestion becomes a row of its own only when it is
-- needed as one: when its field is edited, and when it is accepted or rejected (a
-- decision stays a row, so a rejection is remembered as before).
--
-- * suggestion_row: the table `suggestion` was (renamed; its indexes and the pending
--   triggers of 0013 follow it). New rows take their id from
--   app.storage.suggestions.next_id, never from SQLite, so they cannot take an id a
--   pack holds.
-- * suggestion_pack: pending suggestions of (target, field, rule, safety). Its size
--   suggestions' ids are first_id .. first_id + size - 1, in the order of items: a JSON
--   array of [start, end, before, after, context, message?] (context: the fingerprint
--   after rule, before and after; message only when it differs from the pack's). n
--   counts those still pending in it; the app takes a pack apart into rows, never
--   edits it, and one with none left is deleted.
-- * suggestion_gone: ids of pack suggestions deleted through the view (not by the app).
-- * suggestion: a view of both, one row per suggestion with the columns the table had,
--   for reading with any tool (only core SQL and json_each in it: trusted_schema OFF
--   refuses json_extract in a view); deleting from it deletes the suggestions.

ALTER TABLE suggestion RENAME TO suggestion_row;

CREATE TABLE suggestion_pack (
    first_id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('entry', 'photo', 'fragment')),
    target_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    safety TEXT NOT NULL CHECK (safety IN ('safe', 'unsafe', 'display')),
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    size INTEGER NOT NULL,
    n INTEGER NOT NULL,
    items TEXT NOT NULL
) STRICT;
CREATE INDEX suggestion_pack_target ON suggestion_pack(target_kind, target_id, field);

CREATE TABLE suggestion_gone (id INTEGER PRIMARY KEY) STRICT;

CREATE VIEW suggestion AS
SELECT id, rule, target_kind, target_id, field, start, "end", before, after, safety, message,
       fingerprint, status, created_at, decided_at, decided_by, revision_id
FROM suggestion_row
UNION ALL
SELECT id, rule, target_kind, target_id, field, start, "end", before, after, safety, message,
       rule || char(31) || before || char(31) || coalesce(after, '') || char(31) || context,
       'pending', created_at, NULL, NULL, NULL
FROM (
    SELECT p.first_id + j.key AS id, p.rule, p.target_kind, p.target_id, p.field, p.safety,
           p.created_at,
           max(CASE k.key WHEN 0 THEN k.value END) AS start,
           max(CASE k.key WHEN 1 THEN k.value END) AS "end",
           max(CASE k.key WHEN 2 THEN k.value END) AS before,
           max(CASE k.key WHEN 3 THEN k.value END) AS after,
           max(CASE k.key WHEN 4 THEN k.value END) AS context,
           coalesce(max(CASE k.key WHEN 5 THEN k.value END), p.message) AS message
    FROM suggestion_pack p, json_each(p.items) j, json_each(j.value) k
    WHERE p.first_id + j.key NOT IN (SELECT id FROM suggestion_gone)
    GROUP BY p.first_id, j.key
);

CREATE TRIGGER suggestion_delete INSTEAD OF DELETE ON suggestion
BEGIN
    INSERT INTO suggestion_gone (id)
        SELECT OLD.id WHERE NOT EXISTS (SELECT 1 FROM suggestion_row WHERE id = OLD.id);
    UPDATE suggestion_pack SET n = n - 1
        WHERE first_id = (SELECT max(first_id) FROM suggestion_pack WHERE first_id <= OLD.id)
          AND NOT EXISTS (SELECT 1 FROM suggestion_row WHERE id = OLD.id);
    DELETE FROM suggestion_row WHERE id = OLD.id;
END;

-- The pending counts of 0013, for the suggestions of a pack.
CREATE TRIGGER pending_pack_insert AFTER INSERT ON suggestion_pack WHEN NEW.n > 0
BEGIN
    INSERT INTO pending_target (target_kind, target_id, n)
        VALUES (NEW.target_kind, NEW.target_id, NEW.n)
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO pending_total (rule, safety, n) VALUES (NEW.rule, NEW.safety, NEW.n)
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER pending_pack_delete AFTER DELETE ON suggestion_pack
BEGIN
    UPDATE pending_target SET n = n - OLD.n
        WHERE target_kind = OLD.target_kind AND target_id = OLD.target_id AND OLD.n > 0;
    DELETE FROM pending_target
        WHERE target_kind = OLD.target_kind AND target_id = OLD.target_id AND n <= 0;
    UPDATE pending_total SET n = n - OLD.n
        WHERE rule = OLD.rule AND safety = OLD.safety AND OLD.n > 0;
    DELETE FROM pending_total WHERE rule = OLD.rule AND safety = OLD.safety AND n <= 0;
    DELETE FROM suggestion_gone WHERE id BETWEEN OLD.first_id AND OLD.first_id + OLD.size - 1;
END;

-- Only n changes in a pack (a suggestion deleted through the view); an empty pack goes.
CREATE TRIGGER pending_pack_update AFTER UPDATE OF n ON suggestion_pack
BEGIN
    UPDATE pending_target SET n = n - OLD.n + NEW.n
        WHERE target_kind = OLD.target_kind AND target_id = OLD.target_id;
    DELETE FROM pending_target
        WHERE target_kind = OLD.target_kind AND target_id = OLD.target_id AND n <= 0;
    UPDATE pending_total SET n = n - OLD.n + NEW.n WHERE rule = OLD.rule AND safety = OLD.safety;
    DELETE FROM pending_total WHERE rule = OLD.rule AND safety = OLD.safety AND n <= 0;
    DELETE FROM suggestion_pack WHERE first_id = NEW.first_id AND NEW.n <= 0;
END;
