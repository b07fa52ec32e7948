-- CreateEnum
CREATE TYPE "SlaMetric" AS ENUM ('FIRST_RESPONSE', 'RESOLUTION', 'NEXT_REPLY');

-- CreateEnum
CREATE TYPE "SlaState" AS ENUM ('RUNNING', 'PAUSED', 'MET', 'BREACHED');

-- CreateTable
CREATE TABLE "SlaCalendar" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlaCalendar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaPolicy" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "requestTypeIds" TEXT[],
    "priorities" "Priority"[],
    "calendarId" TEXT NOT NULL,
    "firstResponseMinutes" INTEGER,
    "resolutionMinutes" INTEGER,
    "nextReplyMinutes" INTEGER,
    "pauseStatuses" "RequestStatus"[] DEFAULT ARRAY['WAITING_ON_REQUESTER']::"RequestStatus"[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlaPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaClock" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "metric" "SlaMetric" NOT NULL,
    "cycle" INTEGER NOT NULL,
    "policyId" TEXT NOT NULL,
    "targetMinutes" INTEGER NOT NULL,
    "state" "SlaState" NOT NULL,
    "paused" BOOLEAN NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "stoppedAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "breachedAt" TIMESTAMP(3),
    "elapsedMinutes" DOUBLE PRECISION NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlaClock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlaCalendar_departmentId_name_key" ON "SlaCalendar"("departmentId", "name");

-- CreateIndex
CREATE INDEX "SlaPolicy_departmentId_position_idx" ON "SlaPolicy"("departmentId", "position");

-- CreateIndex
CREATE INDEX "SlaClock_departmentId_stoppedAt_dueAt_idx" ON "SlaClock"("departmentId", "stoppedAt", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "SlaClock_requestId_metric_cycle_key" ON "SlaClock"("requestId", "metric", "cycle");

-- AddForeignKey
ALTER TABLE "SlaCalendar" ADD CONSTRAINT "SlaCalendar_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaPolicy" ADD CONSTRAINT "SlaPolicy_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaPolicy" ADD CONSTRAINT "SlaPolicy_calendarId_fkey" FOREIGN KEY ("calendarId") REFERENCES "SlaCalendar"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaClock" ADD CONSTRAINT "SlaClock_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaClock" ADD CONSTRAINT "SlaClock_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "SlaPolicy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

