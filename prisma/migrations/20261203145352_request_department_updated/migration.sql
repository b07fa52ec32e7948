-- CreateIndex
CREATE INDEX "Request_departmentId_updatedAt_idx" ON "Request"("departmentId", "updatedAt");
