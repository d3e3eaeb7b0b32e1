-- 0021 compact search index: the app searches its own index of characters, and entry's
-- full-text index for other tools keeps no positions (app.domain.search_text).
--
-- Until now search_fts held every field twice with positions, as character bigrams
-- and as characters: 35 % of a project (322 MB of 934 MB at 100,000 entries).
--
-- * search_char_fts (new; contentless, rowid = entry id) is what the app searches: the
--   characters of the title's and the body's shadow, one token each, with positions.
--   A word is the phrase of its characters, so every substring is found. The body is
--   its first column: FTS5 writes a column number into a position list only for the
--   columns after the first, and nearly every character of an entry is in its body
--   (9.6 against 12.7 MB at 10,000 entries with the title first).
-- * search_fts stays entry's external-content index (content="entry"), the one
--   sqlite-utils' detect_fts() and Datasette find: the bigrams and the characters, as
--   before, but detail=none, so it holds no position lists. A search for 工会 or 会
--   there still finds every entry holding it (one token each); the app never reads it.
--
-- Both are written by the app (never run FTS5's 'rebuild': it would index the raw
-- text). The triggers of 0012 and 0016 only mark entries in search_dirty, unchanged.
-- The version row goes: the app indexes every entry again the next time it opens the
-- project (app.storage.search._ensure_current).

DROP TABLE search_fts;

CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body,
    content="entry",
    content_rowid="id",
    tokenize="ascii",
    detail=none
);
INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0);
INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 64);

CREATE VIRTUAL TABLE search_char_fts USING fts5(
    body, title,
    content="",
    tokenize="ascii"
);
INSERT INTO search_char_fts (search_char_fts, rank) VALUES ('automerge', 0);
INSERT INTO search_char_fts (search_char_fts, rank) VALUES ('crisismerge', 64);

DELETE FROM search_state WHERE key = 'version';
