-- AlterTable
ALTER TABLE "Department" ADD COLUMN     "complaintDelegateId" TEXT,
ADD COLUMN     "ratingReasons" JSONB,
ADD COLUMN     "satisfactionGoal" INTEGER NOT NULL DEFAULT 85;

-- AlterTable
ALTER TABLE "Rating" ADD COLUMN     "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "timeLost" TEXT;

-- AlterTable
ALTER TABLE "SatisfactionFigure" ADD COLUMN     "complaints" INTEGER,
ADD COLUMN     "followedUpInTime" INTEGER,
ADD COLUMN     "goalPercent" INTEGER,
ADD COLUMN     "reasonCounts" JSONB,
ADD COLUMN     "recovered" INTEGER,
ADD COLUMN     "timeLostAnswers" INTEGER,
ADD COLUMN     "timeLostTenths" INTEGER;

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "ratingId" TEXT,
    "complainantId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "assigneeId" TEXT,
    "contactedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "outcomeMessage" TEXT,
    "closedAt" TIMESTAMP(3),
    "feelsHeard" BOOLEAN,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintNote" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplaintNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestTypeExpectation" (
    "requestTypeId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "requests" INTEGER NOT NULL,
    "firstResponseCount" INTEGER NOT NULL,
    "firstResponseP50" DOUBLE PRECISION,
    "resolutionCount" INTEGER NOT NULL,
    "resolutionP80" DOUBLE PRECISION,
    "dayMinutes" INTEGER NOT NULL,

    CONSTRAINT "RequestTypeExpectation_pkey" PRIMARY KEY ("requestTypeId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_ratingId_key" ON "Complaint"("ratingId");

-- CreateIndex
CREATE INDEX "Complaint_departmentId_closedAt_idx" ON "Complaint"("departmentId", "closedAt");

-- CreateIndex
CREATE INDEX "Complaint_complainantId_idx" ON "Complaint"("complainantId");

-- CreateIndex
CREATE INDEX "ComplaintNote_complaintId_createdAt_idx" ON "ComplaintNote"("complaintId", "createdAt");

-- AddForeignKey
ALTER TABLE "Department" ADD CONSTRAINT "Department_complaintDelegateId_fkey" FOREIGN KEY ("complaintDelegateId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintNote" ADD CONSTRAINT "ComplaintNote_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

