-- CreateEnum
CREATE TYPE "InboundStatus" AS ENUM ('RECEIVED', 'FILED', 'REPLIED', 'REFUSED', 'IGNORED', 'BOUNCE', 'FAILED');

-- AlterTable
ALTER TABLE "EmailDelivery" ADD COLUMN     "raw" TEXT;

-- CreateTable
CREATE TABLE "EmailReplyToken" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailReplyToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundAddress" (
    "id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "typeId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundAddress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundEmail" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "raw" BYTEA NOT NULL,
    "fromAddress" TEXT,
    "subject" TEXT,
    "status" "InboundStatus" NOT NULL DEFAULT 'RECEIVED',
    "outcome" TEXT,
    "requestId" TEXT,
    "commentId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "InboundEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EmailReplyToken_requestId_personId_key" ON "EmailReplyToken"("requestId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "InboundAddress_address_key" ON "InboundAddress"("address");

-- CreateIndex
CREATE INDEX "InboundAddress_departmentId_idx" ON "InboundAddress"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "InboundEmail_messageId_key" ON "InboundEmail"("messageId");

-- CreateIndex
CREATE INDEX "InboundEmail_status_receivedAt_idx" ON "InboundEmail"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundEmail_receivedAt_idx" ON "InboundEmail"("receivedAt" DESC);

-- AddForeignKey
ALTER TABLE "InboundAddress" ADD CONSTRAINT "InboundAddress_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundAddress" ADD CONSTRAINT "InboundAddress_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "RequestType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

