-- 0004 protect blocks: an imported entry, photo or fragment is never deleted (its
-- original text would go with it), and INSERT OR REPLACE cannot rewrite a source, a
-- revision or a batch behind the UPDATE/DELETE triggers (REPLACE deletes without firing
-- delete triggers unless recursive_triggers is on, which a foreign connection may not set).

CREATE TRIGGER entry_undeletable BEFORE DELETE ON entry
BEGIN
    SELECT RAISE(ABORT, 'an imported entry is never deleted');
END;
CREATE TRIGGER photo_undeletable BEFORE DELETE ON photo
BEGIN
    SELECT RAISE(ABORT, 'an imported photo is never deleted');
END;
CREATE TRIGGER fragment_undeletable BEFORE DELETE ON fragment
BEGIN
    SELECT RAISE(ABORT, 'an imported fragment is never deleted');
END;

CREATE TRIGGER source_no_replace BEFORE INSERT ON source
WHEN EXISTS (SELECT 1 FROM source WHERE id = NEW.id OR sha256 = NEW.sha256)
BEGIN
    SELECT RAISE(ABORT, 'the source as imported is immutable');
END;
CREATE TRIGGER revision_no_replace BEFORE INSERT ON revision
WHEN EXISTS (SELECT 1 FROM revision WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'revisions are append-only');
END;
CREATE TRIGGER batch_no_replace BEFORE INSERT ON batch
WHEN EXISTS (SELECT 1 FROM batch WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'batches are append-only');
END;
