-- 0014 link suggestion decisions: dismissing a suggested photo link (the photo panel's
-- Dismiss, `curator link --reject`) is a revision, as rejecting an OCR suggestion is
-- since 0009 and a suggested tag since 0010, so Undo and the history know it.
-- Link suggestions rejected before this migration have no revision.

INSERT INTO change_kind (kind, target, encoding, field, holds) VALUES
    ('link_suggestion', 'link_suggestion', 'json', 'status',
     '{"status"[, "by", "at"]}: a decision on a suggested photo link (pending ↔ rejected)');
