-- CreateTable
CREATE TABLE "DashboardComplianceDay" (
    "departmentId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "metric" "SlaMetric" NOT NULL,
    "met" INTEGER NOT NULL,
    "breached" INTEGER NOT NULL,
    "nearBreach" INTEGER NOT NULL,

    CONSTRAINT "DashboardComplianceDay_pkey" PRIMARY KEY ("departmentId","day","metric")
);

-- CreateTable
CREATE TABLE "DashboardVolumeDay" (
    "departmentId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "typeId" TEXT NOT NULL,
    "requesterDepartmentId" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "resolved" INTEGER NOT NULL,

    CONSTRAINT "DashboardVolumeDay_pkey" PRIMARY KEY ("departmentId","day","typeId","requesterDepartmentId")
);

-- CreateTable
CREATE TABLE "DashboardAgentDay" (
    "departmentId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "agentId" TEXT NOT NULL,
    "assigned" INTEGER NOT NULL,
    "resolved" INTEGER NOT NULL,
    "resolutionMet" INTEGER NOT NULL,
    "resolutionBreached" INTEGER NOT NULL,

    CONSTRAINT "DashboardAgentDay_pkey" PRIMARY KEY ("departmentId","day","agentId")
);

-- CreateTable
CREATE TABLE "DashboardRollupDay" (
    "day" DATE NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DashboardRollupDay_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "DashboardComplianceDay_day_idx" ON "DashboardComplianceDay"("day");

-- CreateIndex
CREATE INDEX "DashboardVolumeDay_day_idx" ON "DashboardVolumeDay"("day");

-- CreateIndex
CREATE INDEX "DashboardAgentDay_day_idx" ON "DashboardAgentDay"("day");

-- CreateIndex
CREATE INDEX "RequestEvent_createdAt_idx" ON "RequestEvent"("createdAt");

-- CreateIndex
CREATE INDEX "SlaClock_computedAt_idx" ON "SlaClock"("computedAt");


-- SLA clocks by the instant their outcome was decided (their breach, else their stop, else, for a
-- running clock, its due time once that has passed), per department: one range scan per department
-- and range of days for the dashboard roll-up. Hand-written (schema.prisma cannot express an index
-- on an expression, and the drift test ignores xpr_*), and the expression must stay what
-- lib/reports/dashboard-days.ts uses.
CREATE INDEX IF NOT EXISTS "xpr_clock_decided" ON "SlaClock" ("departmentId", (COALESCE("breachedAt", "stoppedAt", "dueAt")));
