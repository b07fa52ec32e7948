-- Search (lib/search/search-requests.ts) reads stored tsvectors instead of computing to_tsvector per
-- row: a filter or ts_rank on a stored column costs a read, not a parse. Comments carry their
-- request's department, and both vectors carry one extra lexeme "@<departmentId>" (no query a
-- person types can produce it: the parser drops "@"), so "this word in this department" is one
-- GIN lookup that intersects two posting lists, instead of ANDing a GIN bitmap with a btree bitmap
-- of a whole department and visiting its rows. The lexeme has no position and is not weighted, so
-- phrases and ts_rank of the searched words are unchanged. Being generated from "departmentId",
-- it follows a transfer by itself.
-- Generated columns and GIN indexes are written by hand: schema.prisma declares the columns as
-- Unsupported("tsvector")? and cannot express either, and the drift test ignores indexes named fts_*.
-- The old expression indexes go: nothing queries their expressions any more.

-- AlterTable (departmentId first and backfilled, so the generated column is computed once)
ALTER TABLE "Comment" ADD COLUMN "departmentId" TEXT;

UPDATE "Comment" c SET "departmentId" = r."departmentId" FROM "Request" r WHERE r.id = c."requestId";

ALTER TABLE "Comment" ALTER COLUMN "departmentId" SET NOT NULL;

-- AlterTable
ALTER TABLE "Request" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce("title", '')), 'A') || setweight(to_tsvector('simple', coalesce("description", '')), 'B') || array_to_tsvector(ARRAY['@' || "departmentId"])) STORED;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "body") || array_to_tsvector(ARRAY['@' || "departmentId"])) STORED;

-- CreateIndex
CREATE INDEX "Comment_departmentId_createdAt_idx" ON "Comment"("departmentId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- DropIndex
DROP INDEX IF EXISTS "fts_request_text";

-- DropIndex
DROP INDEX IF EXISTS "fts_comment_body";

-- CreateIndex
CREATE INDEX IF NOT EXISTS "fts_request_vector" ON "Request" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "fts_comment_vector" ON "Comment" USING GIN ("searchVector");
