-- Search by department, newest first, in bounded time (lib/search/search-requests.ts). The extra
-- lexeme "@<departmentId>" of *_search_vectors becomes "@<departmentId>/<YYYYMM>": the department and
-- the UTC month of the row's creation. A department's newest matches of a word are then found month by
-- month, newest month first, each month one GIN lookup that intersects the word's postings with that
-- month's, until enough are found: a common word stops after a month or two, a rare one costs one cheap
-- lookup per month. No query a person types can produce the lexeme (the parser drops "@" and "/"), it
-- has no position and no weight, so phrases and ts_rank are unchanged. Being generated from
-- "departmentId", it follows a transfer by itself.
-- PostgreSQL 15 cannot change a generation expression in place: the columns are dropped and added
-- again (a rewrite of both tables), and their GIN indexes built anew.

-- DropIndex
DROP INDEX IF EXISTS "fts_request_vector";

-- DropIndex
DROP INDEX IF EXISTS "fts_comment_vector";

-- AlterTable
ALTER TABLE "Request" DROP COLUMN "searchVector";

-- AlterTable
ALTER TABLE "Comment" DROP COLUMN "searchVector";

-- AlterTable
ALTER TABLE "Request" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce("title", '')), 'A') || setweight(to_tsvector('simple', coalesce("description", '')), 'B') || array_to_tsvector(ARRAY['@' || "departmentId" || '/' || (extract(year FROM "createdAt") * 100 + extract(month FROM "createdAt"))::int::text])) STORED;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "body") || array_to_tsvector(ARRAY['@' || "departmentId" || '/' || (extract(year FROM "createdAt") * 100 + extract(month FROM "createdAt"))::int::text])) STORED;

-- CreateIndex
CREATE INDEX IF NOT EXISTS "fts_request_vector" ON "Request" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "fts_comment_vector" ON "Comment" USING GIN ("searchVector");
