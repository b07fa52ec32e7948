-- CreateTable
CREATE TABLE "DashboardPauseDay" (
    "departmentId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "agentId" TEXT NOT NULL,
    "pauses" INTEGER NOT NULL,
    "flagged" INTEGER NOT NULL,

    CONSTRAINT "DashboardPauseDay_pkey" PRIMARY KEY ("departmentId","day","agentId")
);

-- CreateTable
CREATE TABLE "DashboardPause" (
    "departmentId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "eventId" BIGINT NOT NULL,
    "requestId" TEXT NOT NULL,
    "agentId" TEXT,
    "pausedAt" TIMESTAMP(3) NOT NULL,
    "repliedAt" TIMESTAMP(3),

    CONSTRAINT "DashboardPause_pkey" PRIMARY KEY ("departmentId","day","eventId")
);

-- CreateIndex
CREATE INDEX "DashboardPauseDay_day_idx" ON "DashboardPauseDay"("day");

-- CreateIndex
CREATE INDEX "DashboardPause_day_idx" ON "DashboardPause"("day");


-- Days stored before these tables existed have no pause rows: forget every stored day, so each is
-- read live until the dashboard-rollup job has computed it again with them (by hand, not from the diff).
DELETE FROM "DashboardRollupDay";
