-- Full-text search over requests and comments (lib/search/search-requests.ts).
-- schema.prisma cannot express expression indexes, so these are written by hand and the drift test
-- ignores indexes named fts_*. The expressions must stay byte-for-byte what the search query uses,
-- or the planner will not match them.
-- 'simple' config: no stemming and no stop words, so it works for every language people write in
-- and a search for "the printer" finds exactly those words. Stemming would need a per-language config.
-- IF NOT EXISTS lets an operator build them first with CREATE INDEX CONCURRENTLY on a large table.

-- CreateIndex
CREATE INDEX IF NOT EXISTS "fts_request_text" ON "Request" USING GIN (to_tsvector('simple', coalesce("title", '') || ' ' || coalesce("description", '')));

-- CreateIndex
CREATE INDEX IF NOT EXISTS "fts_comment_body" ON "Comment" USING GIN (to_tsvector('simple', "body"));
