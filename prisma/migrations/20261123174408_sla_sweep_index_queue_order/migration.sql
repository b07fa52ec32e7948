-- DropIndex
DROP INDEX "Request_departmentId_status_updatedAt_id_idx";

-- DropIndex
DROP INDEX "SlaNotice_requestId_metric_cycle_percent_key";

-- AlterTable
ALTER TABLE "SlaClock" ADD COLUMN     "nextNoticeAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SlaNotice" ADD COLUMN     "targetMinutes" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Request_departmentId_status_createdAt_id_idx" ON "Request"("departmentId", "status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Request_departmentId_createdAt_id_idx" ON "Request"("departmentId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_subject_id_idx" ON "AuditEvent"("subject", "id" DESC);

-- CreateIndex
CREATE INDEX "SlaClock_nextNoticeAt_idx" ON "SlaClock"("nextNoticeAt");

-- CreateIndex
CREATE UNIQUE INDEX "SlaNotice_requestId_metric_cycle_percent_targetMinutes_key" ON "SlaNotice"("requestId", "metric", "cycle", "percent", "targetMinutes");


-- Open clocks stored before this migration: the sweep looks at them from their first threshold;
-- notices already fired are skipped by the unique key.
UPDATE "SlaClock" SET "nextNoticeAt" = LEAST("warnAt50", "warnAt75", "dueAt") WHERE "stoppedAt" IS NULL AND "paused" = false;
