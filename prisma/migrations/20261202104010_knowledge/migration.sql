-- Knowledge articles, known issues and problems (lib/knowledge, lib/problems).
-- Article."searchVector" is a stored generated column like Request's (title A, tags B, body C and
-- the "@<departmentId>" lexeme, so "this word in this department" is one GIN lookup). Tags are
-- stored lower-case single words (lib/validation/knowledge.ts): array_to_string is not immutable.
-- ArticleVersion is append-only, like the other histories.

-- CreateEnum
CREATE TYPE "ArticleVisibility" AS ENUM ('EVERYONE', 'AGENTS');

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "problemId" TEXT;

-- CreateTable
CREATE TABLE "Article" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "visibility" "ArticleVisibility" NOT NULL DEFAULT 'EVERYONE',
    "tags" TEXT[],
    "requestTypeIds" TEXT[],
    "ownerId" TEXT NOT NULL,
    "reviewBy" TIMESTAMP(3),
    "publishedVersion" INTEGER,
    "latestVersion" INTEGER NOT NULL DEFAULT 1,
    "publishedAt" TIMESTAMP(3),
    "outdatedAt" TIMESTAMP(3),
    "outdatedNote" TEXT,
    "sourceRequestId" TEXT,
    "viewCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "searchVector" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce("title", '')), 'A') || setweight(array_to_tsvector(coalesce("tags", '{}')), 'B') || setweight(to_tsvector('simple', coalesce("body", '')), 'C') || array_to_tsvector(ARRAY['@' || "departmentId"])) STORED,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleVersion" (
    "articleId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "visibility" "ArticleVisibility" NOT NULL,
    "tags" TEXT[],
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleVersion_pkey" PRIMARY KEY ("articleId","number")
);

-- CreateTable
CREATE TABLE "KnowledgeEditor" (
    "departmentId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KnowledgeEditor_pkey" PRIMARY KEY ("departmentId","personId")
);

-- CreateTable
CREATE TABLE "ArticleVote" (
    "articleId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArticleVote_pkey" PRIMARY KEY ("articleId","personId")
);

-- CreateTable
CREATE TABLE "Deflection" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "requestTypeId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deflection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleUse" (
    "articleId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleUse_pkey" PRIMARY KEY ("articleId","requestId")
);

-- CreateTable
CREATE TABLE "KnownIssue" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "requestTypeIds" TEXT[],
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "KnownIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnownIssueFollower" (
    "knownIssueId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KnownIssueFollower_pkey" PRIMARY KEY ("knownIssueId","personId")
);

-- CreateIndex
CREATE INDEX "Article_departmentId_publishedVersion_idx" ON "Article"("departmentId", "publishedVersion");

-- CreateIndex
CREATE UNIQUE INDEX "Article_departmentId_slug_key" ON "Article"("departmentId", "slug");

-- CreateIndex
CREATE INDEX "Deflection_requestTypeId_idx" ON "Deflection"("requestTypeId");

-- CreateIndex
CREATE INDEX "Deflection_articleId_idx" ON "Deflection"("articleId");

-- CreateIndex
CREATE INDEX "ArticleUse_requestId_idx" ON "ArticleUse"("requestId");

-- CreateIndex
CREATE INDEX "KnownIssue_departmentId_endedAt_idx" ON "KnownIssue"("departmentId", "endedAt");

-- CreateIndex
CREATE INDEX "Request_problemId_idx" ON "Request"("problemId");

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Request"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_sourceRequestId_fkey" FOREIGN KEY ("sourceRequestId") REFERENCES "Request"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleVersion" ADD CONSTRAINT "ArticleVersion_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleVersion" ADD CONSTRAINT "ArticleVersion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeEditor" ADD CONSTRAINT "KnowledgeEditor_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeEditor" ADD CONSTRAINT "KnowledgeEditor_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleVote" ADD CONSTRAINT "ArticleVote_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleVote" ADD CONSTRAINT "ArticleVote_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deflection" ADD CONSTRAINT "Deflection_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleUse" ADD CONSTRAINT "ArticleUse_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleUse" ADD CONSTRAINT "ArticleUse_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnownIssue" ADD CONSTRAINT "KnownIssue_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnownIssueFollower" ADD CONSTRAINT "KnownIssueFollower_knownIssueId_fkey" FOREIGN KEY ("knownIssueId") REFERENCES "KnownIssue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnownIssueFollower" ADD CONSTRAINT "KnownIssueFollower_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- CreateIndex
CREATE INDEX IF NOT EXISTS "fts_article_vector" ON "Article" USING GIN ("searchVector");

CREATE TRIGGER "ArticleVersion_append_only" BEFORE UPDATE OR DELETE ON "ArticleVersion"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER "ArticleVersion_no_truncate" BEFORE TRUNCATE ON "ArticleVersion"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
