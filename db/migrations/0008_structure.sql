-- 0008 structure: what the parser reads beyond entries and photos.
--
-- A fragment's role: 'text' (prose not read as an entry), 'heading' (level 1 类目,
-- 2 分目, 3 a month of a chronology), 'furniture' (page anchor, page number, running
-- head, side tab: original layer only, not reading text), 'table' (cells one per line,
-- pipe rows), 'event' (a dated paragraph of a 大事记, its date in `date`).
-- Every block knows the printed page it starts on when the source says (`page`), and an
-- entry the headings it stands under (`section`: a JSON array, 类目 first).
-- Rows imported before this migration are 'text' fragments and entries with no section.

ALTER TABLE fragment ADD COLUMN role TEXT NOT NULL DEFAULT 'text';
ALTER TABLE fragment ADD COLUMN level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE fragment ADD COLUMN page TEXT;
ALTER TABLE fragment ADD COLUMN date TEXT;
ALTER TABLE entry ADD COLUMN section TEXT NOT NULL DEFAULT '[]';
ALTER TABLE entry ADD COLUMN page TEXT;
ALTER TABLE photo ADD COLUMN page TEXT;
