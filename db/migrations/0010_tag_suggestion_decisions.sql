-- 0010 tag suggestion decisions: rejecting a suggested tag (the ✕ on its chip) is a
-- revision, as rejecting an OCR suggestion is since 0009, so Undo and the history know
-- it. Tags rejected before this migration have no revision.

INSERT INTO change_kind (kind, target, encoding, field, holds) VALUES
    ('tag_suggestion', 'tag_suggestion', 'json', 'status',
     '{"status"[, "by", "at"]}: a decision on a suggested tag (pending ↔ rejected)');
