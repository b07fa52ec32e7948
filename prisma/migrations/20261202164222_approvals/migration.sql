-- CreateEnum
CREATE TYPE "ApprovalState" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ApprovalStepState" AS ENUM ('WAITING', 'PENDING', 'APPROVED', 'REJECTED');

-- AlterTable
ALTER TABLE "RequestType" ADD COLUMN     "approvalSteps" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "approvalState" "ApprovalState";

-- CreateTable
CREATE TABLE "ApprovalStep" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "state" "ApprovalStepState" NOT NULL DEFAULT 'WAITING',
    "required" INTEGER NOT NULL DEFAULT 1,
    "departmentId" TEXT,
    "startedAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "warnAt75" TIMESTAMP(3),
    "warned75At" TIMESTAMP(3),
    "overdueAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ApprovalStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approver" (
    "id" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "onBehalfOfId" TEXT,
    "decision" "ApprovalState",
    "reason" TEXT,
    "via" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "Approver_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalDelegation" (
    "personId" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalDelegation_pkey" PRIMARY KEY ("personId")
);

-- CreateIndex
CREATE INDEX "ApprovalStep_state_dueAt_idx" ON "ApprovalStep"("state", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalStep_requestId_position_key" ON "ApprovalStep"("requestId", "position");

-- CreateIndex
CREATE INDEX "Approver_personId_decidedAt_idx" ON "Approver"("personId", "decidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Approver_stepId_personId_key" ON "Approver"("stepId", "personId");

-- CreateIndex
CREATE INDEX "ApprovalDelegation_delegateId_idx" ON "ApprovalDelegation"("delegateId");

-- AddForeignKey
ALTER TABLE "ApprovalStep" ADD CONSTRAINT "ApprovalStep_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalStep" ADD CONSTRAINT "ApprovalStep_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approver" ADD CONSTRAINT "Approver_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "ApprovalStep"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approver" ADD CONSTRAINT "Approver_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approver" ADD CONSTRAINT "Approver_onBehalfOfId_fkey" FOREIGN KEY ("onBehalfOfId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalDelegation" ADD CONSTRAINT "ApprovalDelegation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalDelegation" ADD CONSTRAINT "ApprovalDelegation_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

