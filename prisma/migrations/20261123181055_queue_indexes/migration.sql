-- The queue's keyset orders (lib/requests/list-queue.ts): by priority, and by the running SLA clock due soonest.

-- CreateIndex
CREATE INDEX "Request_departmentId_priority_createdAt_id_status_idx" ON "Request"("departmentId", "priority" DESC, "createdAt", "id", "status");

-- CreateIndex
CREATE INDEX "SlaClock_departmentId_stoppedAt_paused_dueAt_requestId_idx" ON "SlaClock"("departmentId", "stoppedAt", "paused", "dueAt", "requestId");
