-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "submissionKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Comment_authorId_submissionKey_key" ON "Comment"("authorId", "submissionKey");

