-- CreateIndex
CREATE INDEX "Request_departmentId_status_priority_createdAt_idx" ON "Request"("departmentId", "status", "priority", "createdAt");

