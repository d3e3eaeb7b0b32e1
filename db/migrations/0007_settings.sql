-- project settings: what an export says about the corpus (the volume's title, its
-- editor, the organisation that publishes it, the licence, the language of its text).
--
-- One row per setting, made here, so a setting has a stable integer id for the revision
-- log (change kind 'setting': target_id is setting.id). value NULL: not set; the
-- exports then fall back to what they can say without it (the project's name, no
-- editor, availability unknown, language zh).

CREATE TABLE setting (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    value TEXT
) STRICT;

INSERT INTO setting (id, key, value) VALUES
    (1, 'title', NULL),
    (2, 'editor', NULL),
    (3, 'organisation', NULL),
    (4, 'licence', NULL),
    (5, 'language', NULL);

CREATE TRIGGER setting_keys_fixed BEFORE INSERT ON setting
BEGIN
    SELECT RAISE(ABORT, 'settings are made by migrations only');
END;

CREATE TRIGGER setting_never_deleted BEFORE DELETE ON setting
BEGIN
    SELECT RAISE(ABORT, 'a setting is never deleted (set it to NULL)');
END;

INSERT INTO change_kind (kind, target, encoding, field, holds) VALUES
    ('setting', 'setting', 'json', 'value',
     'the setting''s value as a JSON string; NULL: not set');
