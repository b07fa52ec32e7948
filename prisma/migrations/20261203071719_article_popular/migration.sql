-- CreateIndex
CREATE INDEX "Article_departmentId_viewCount_id_idx" ON "Article"("departmentId", "viewCount" DESC, "id");

