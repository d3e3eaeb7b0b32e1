-- 0023 lean packs: a pack's items keep only what its field's text does not give back.
-- A pack is valid for the text its field has now: the app takes it apart into rows
-- before the field's text changes (app.storage.revisions.write_field) and before its
-- target goes, so the text replaced (before) and the fingerprint's context are read
-- from the field's text; at 10,000 generated entries suggestion_pack went from 13.1 MB
-- to 5.6 MB.
--
-- * items: a JSON array of [start, length, after, repeat?, message?]: end is
--   start + length, before is the field's text from start to end; repeat (the
--   fingerprint's number among equal ones, 0 when omitted) is there when it is not 0
--   or a message follows; message only when it differs from the pack's.
-- * text_length: the length of the field's text the pack was made for. A pack whose
--   field has another length (text changed outside the app) gives no suggestions, in
--   the view and in the app (what it would replace is not known any more; a rescan
--   finds the text's own); -1 when the migration found no text.
-- * suggestion: the view reads before and the fingerprint from the field's text (a
--   CASE on the target's kind and field; core SQL and json_each only, as in 0015: the
--   fingerprint is rule, before, after, the 4 characters before and the 4 after,
--   joined by char(31), then the repeat when it is not 0).

DROP VIEW suggestion;

ALTER TABLE suggestion_pack ADD COLUMN text_length INTEGER NOT NULL DEFAULT -1;

UPDATE suggestion_pack SET text_length = coalesce(length(CASE target_kind
    WHEN 'entry' THEN (SELECT CASE suggestion_pack.field
        WHEN 'title_open' THEN title_open WHEN 'title' THEN title WHEN 'body' THEN body END
        FROM entry WHERE id = suggestion_pack.target_id)
    WHEN 'photo' THEN (SELECT CASE suggestion_pack.field WHEN 'caption' THEN caption END
        FROM photo WHERE id = suggestion_pack.target_id)
    WHEN 'fragment' THEN (SELECT CASE suggestion_pack.field WHEN 'text' THEN text END
        FROM fragment WHERE id = suggestion_pack.target_id)
END), -1), items = (
    SELECT json_group_array(json(
        CASE
            WHEN m IS NOT NULL THEN json_array(s, e - s, a, r, m)
            WHEN r <> 0 THEN json_array(s, e - s, a, r)
            ELSE json_array(s, e - s, a)
        END))
    FROM (
        SELECT s, e, a, m,
               CASE WHEN c = expected THEN 0
                    ELSE CAST(substr(c, length(expected) + 2) AS INTEGER) END AS r
        FROM (
            SELECT j.key AS key,
                   json_extract(j.value, '$[0]') AS s,
                   json_extract(j.value, '$[1]') AS e,
                   json_extract(j.value, '$[3]') AS a,
                   json_extract(j.value, '$[4]') AS c,
                   json_extract(j.value, '$[5]') AS m,
                   substr(t.text, max(0, json_extract(j.value, '$[0]') - 4) + 1,
                          json_extract(j.value, '$[0]')
                          - max(0, json_extract(j.value, '$[0]') - 4))
                   || char(31) || substr(t.text, json_extract(j.value, '$[1]') + 1, 4)
                       AS expected
            FROM json_each(suggestion_pack.items) j,
                 (SELECT coalesce(CASE suggestion_pack.target_kind
                     WHEN 'entry' THEN (SELECT CASE suggestion_pack.field
                         WHEN 'title_open' THEN title_open WHEN 'title' THEN title
                         WHEN 'body' THEN body END
                         FROM entry WHERE id = suggestion_pack.target_id)
                     WHEN 'photo' THEN (SELECT CASE suggestion_pack.field
                         WHEN 'caption' THEN caption END
                         FROM photo WHERE id = suggestion_pack.target_id)
                     WHEN 'fragment' THEN (SELECT CASE suggestion_pack.field
                         WHEN 'text' THEN text END
                         FROM fragment WHERE id = suggestion_pack.target_id)
                 END, '') AS text) t
            ORDER BY j.key
        )
    )
);

CREATE VIEW suggestion AS
SELECT id, rule, target_kind, target_id, field, start, "end", before, after, safety, message,
       fingerprint, status, created_at, decided_at, decided_by, revision_id
FROM suggestion_row
UNION ALL
SELECT id, rule, target_kind, target_id, field, start, "end", before, after, safety, message,
       rule || char(31) || before || char(31) || coalesce(after, '') || char(31)
       || substr(text, max(0, start - 4) + 1, start - max(0, start - 4)) || char(31)
       || substr(text, "end" + 1, 4) || CASE WHEN repeat <> 0 THEN char(31) || repeat ELSE '' END,
       'pending', created_at, NULL, NULL, NULL
FROM (
    SELECT id, rule, target_kind, target_id, field, safety, created_at, start,
           start + length AS "end", substr(text, start + 1, length) AS before, after, repeat,
           message, text, text_length
    FROM (
        SELECT p.first_id + j.key AS id, p.rule, p.target_kind, p.target_id, p.field, p.safety,
               p.created_at,
               max(CASE k.key WHEN 0 THEN k.value END) AS start,
               max(CASE k.key WHEN 1 THEN k.value END) AS length,
               max(CASE k.key WHEN 2 THEN k.value END) AS after,
               coalesce(max(CASE k.key WHEN 3 THEN k.value END), 0) AS repeat,
               coalesce(max(CASE k.key WHEN 4 THEN k.value END), p.message) AS message,
               CASE p.target_kind
                   WHEN 'entry' THEN (SELECT CASE p.field
                       WHEN 'title_open' THEN title_open WHEN 'title' THEN title
                       WHEN 'body' THEN body END
                       FROM entry WHERE id = p.target_id)
                   WHEN 'photo' THEN (SELECT CASE p.field WHEN 'caption' THEN caption END
                       FROM photo WHERE id = p.target_id)
                   WHEN 'fragment' THEN (SELECT CASE p.field WHEN 'text' THEN text END
                       FROM fragment WHERE id = p.target_id)
               END AS text,
               p.text_length
        FROM suggestion_pack p, json_each(p.items) j, json_each(j.value) k
        WHERE p.first_id + j.key NOT IN (SELECT id FROM suggestion_gone)
        GROUP BY p.first_id, j.key
    )
    WHERE length(text) = text_length
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
