-- CreateEnum
CREATE TYPE "PulseCadence" AS ENUM ('ONCE', 'MONTHLY', 'QUARTERLY');

-- CreateTable
CREATE TABLE "PulseSurvey" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "departmentId" TEXT,
    "cadence" "PulseCadence" NOT NULL,
    "openDays" INTEGER NOT NULL DEFAULT 14,
    "nextPeriod" TEXT NOT NULL,
    "nextRunAt" TIMESTAMP(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PulseSurvey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PulseRound" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PulseRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PulseInvitation" (
    "roundId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "ratedDepartmentId" TEXT NOT NULL,

    CONSTRAINT "PulseInvitation_pkey" PRIMARY KEY ("roundId","personId","ratedDepartmentId")
);

-- CreateTable
CREATE TABLE "PulseResponse" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "respondentId" TEXT NOT NULL,
    "respondentDepartmentId" TEXT NOT NULL,
    "ratedDepartmentId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PulseResponse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PulseSurvey_active_nextRunAt_idx" ON "PulseSurvey"("active", "nextRunAt");

-- CreateIndex
CREATE INDEX "PulseRound_closesAt_idx" ON "PulseRound"("closesAt");

-- CreateIndex
CREATE UNIQUE INDEX "PulseRound_surveyId_period_key" ON "PulseRound"("surveyId", "period");

-- CreateIndex
CREATE INDEX "PulseInvitation_personId_idx" ON "PulseInvitation"("personId");

-- CreateIndex
CREATE INDEX "PulseResponse_roundId_ratedDepartmentId_idx" ON "PulseResponse"("roundId", "ratedDepartmentId");

-- CreateIndex
CREATE UNIQUE INDEX "PulseResponse_roundId_respondentId_ratedDepartmentId_key" ON "PulseResponse"("roundId", "respondentId", "ratedDepartmentId");

-- AddForeignKey
ALTER TABLE "PulseSurvey" ADD CONSTRAINT "PulseSurvey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseSurvey" ADD CONSTRAINT "PulseSurvey_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseRound" ADD CONSTRAINT "PulseRound_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "PulseSurvey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseInvitation" ADD CONSTRAINT "PulseInvitation_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "PulseRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseInvitation" ADD CONSTRAINT "PulseInvitation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseInvitation" ADD CONSTRAINT "PulseInvitation_ratedDepartmentId_fkey" FOREIGN KEY ("ratedDepartmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseResponse" ADD CONSTRAINT "PulseResponse_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "PulseRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseResponse" ADD CONSTRAINT "PulseResponse_respondentId_fkey" FOREIGN KEY ("respondentId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseResponse" ADD CONSTRAINT "PulseResponse_respondentDepartmentId_fkey" FOREIGN KEY ("respondentDepartmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseResponse" ADD CONSTRAINT "PulseResponse_ratedDepartmentId_fkey" FOREIGN KEY ("ratedDepartmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Pulse answers are append-only like ratings: nobody, staff included, can change or remove one.
-- refuse_history_change() is the init migration's trigger function (its body has no semicolons to split).
CREATE TRIGGER "PulseResponse_append_only" BEFORE UPDATE OR DELETE ON "PulseResponse"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER "PulseResponse_no_truncate" BEFORE TRUNCATE ON "PulseResponse"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
