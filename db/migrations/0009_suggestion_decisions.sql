-- 0009 suggestion decisions: rejecting an OCR suggestion, or bringing a rejected one
-- back, is a revision like every other decision (so Undo and the history know it).
-- Suggestions rejected before this migration have no revision; they can still be
-- restored (the restore is logged).

INSERT INTO change_kind (kind, target, encoding, field, holds) VALUES
    ('suggestion', 'suggestion', 'json', 'status',
     '{"status"[, "by", "at"]}: a decision on an OCR suggestion (pending ↔ rejected)');
