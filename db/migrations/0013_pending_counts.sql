-- 0013 pending counts: how many text suggestions wait for a decision, kept up to date by
-- triggers on `suggestion` in the transaction of every change (import, rescan after an
-- edit, accept, reject, restore, undo), so the status bar, the navigator's counts and
-- the pending filter read a few rows instead of counting the suggestions of the corpus.
--
-- * pending_target: per entry, photo or fragment, its pending suggestions (no row when
--   none). An entry's count in the window is its own plus its linked photos' captions'.
-- * pending_total: per rule and safety, the pending suggestions of the whole project
--   (no row when none); their sum is the status bar's figure.
--
-- Both are derived: `curator check` recomputes them from `suggestion`
-- (app.storage.review_counts.recount_pending) and says where they differ.

CREATE TABLE pending_target (
    target_kind TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (target_kind, target_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE pending_total (
    rule TEXT NOT NULL,
    safety TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (rule, safety)
) STRICT, WITHOUT ROWID;

INSERT INTO pending_target (target_kind, target_id, n)
    SELECT target_kind, target_id, count(*) FROM suggestion WHERE status = 'pending'
    GROUP BY target_kind, target_id;
INSERT INTO pending_total (rule, safety, n)
    SELECT rule, safety, count(*) FROM suggestion WHERE status = 'pending'
    GROUP BY rule, safety;

CREATE TRIGGER pending_insert AFTER INSERT ON suggestion WHEN NEW.status = 'pending'
BEGIN
    INSERT INTO pending_target (target_kind, target_id, n)
        VALUES (NEW.target_kind, NEW.target_id, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO pending_total (rule, safety, n) VALUES (NEW.rule, NEW.safety, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER pending_delete AFTER DELETE ON suggestion WHEN OLD.status = 'pending'
BEGIN
    UPDATE pending_target SET n = n - 1
        WHERE target_kind = OLD.target_kind AND target_id = OLD.target_id;
    DELETE FROM pending_target
        WHERE target_kind = OLD.target_kind AND target_id = OLD.target_id AND n <= 0;
    UPDATE pending_total SET n = n - 1 WHERE rule = OLD.rule AND safety = OLD.safety;
    DELETE FROM pending_total WHERE rule = OLD.rule AND safety = OLD.safety AND n <= 0;
END;

-- An update is the deletion of the old row and the insertion of the new one, for the
-- counts: a decision (status), or a suggestion moved to another target (a fragment
-- made an entry).
CREATE TRIGGER pending_update_old AFTER UPDATE OF status, target_kind, target_id, rule, safety
    ON suggestion WHEN OLD.status = 'pending'
BEGIN
    UPDATE pending_target SET n = n - 1
        WHERE target_kind = OLD.target_kind AND target_id = OLD.target_id;
    DELETE FROM pending_target
        WHERE target_kind = OLD.target_kind AND target_id = OLD.target_id AND n <= 0;
    UPDATE pending_total SET n = n - 1 WHERE rule = OLD.rule AND safety = OLD.safety;
    DELETE FROM pending_total WHERE rule = OLD.rule AND safety = OLD.safety AND n <= 0;
END;

CREATE TRIGGER pending_update_new AFTER UPDATE OF status, target_kind, target_id, rule, safety
    ON suggestion WHEN NEW.status = 'pending'
BEGIN
    INSERT INTO pending_target (target_kind, target_id, n)
        VALUES (NEW.target_kind, NEW.target_id, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO pending_total (rule, safety, n) VALUES (NEW.rule, NEW.safety, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
