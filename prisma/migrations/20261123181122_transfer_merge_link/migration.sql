-- Transfer, merge and link requests (lib/requests/transfer-request.ts, merge-request.ts, link-requests.ts)
-- and per-department SLA segments (lib/sla/clock.ts).

-- DropIndex
DROP INDEX "SlaClock_requestId_metric_cycle_key";

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "mergedIntoId" TEXT;

-- AlterTable
ALTER TABLE "SlaClock" ADD COLUMN     "segment" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RequestAlias" (
    "departmentId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "requestId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestAlias_pkey" PRIMARY KEY ("departmentId","number")
);

-- CreateTable
CREATE TABLE "RequestLink" (
    "id" TEXT NOT NULL,
    "requestAId" TEXT NOT NULL,
    "requestBId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestAlias_requestId_idx" ON "RequestAlias"("requestId");

-- CreateIndex
CREATE INDEX "RequestLink_requestBId_idx" ON "RequestLink"("requestBId");

-- CreateIndex
CREATE UNIQUE INDEX "RequestLink_requestAId_requestBId_key" ON "RequestLink"("requestAId", "requestBId");

-- CreateIndex
CREATE UNIQUE INDEX "SlaClock_requestId_metric_cycle_segment_key" ON "SlaClock"("requestId", "metric", "cycle", "segment");

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Request"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestAlias" ADD CONSTRAINT "RequestAlias_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestLink" ADD CONSTRAINT "RequestLink_requestAId_fkey" FOREIGN KEY ("requestAId") REFERENCES "Request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestLink" ADD CONSTRAINT "RequestLink_requestBId_fkey" FOREIGN KEY ("requestBId") REFERENCES "Request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestLink" ADD CONSTRAINT "RequestLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
