-- DropForeignKey
ALTER TABLE "ApiRateWindow" DROP CONSTRAINT "ApiRateWindow_tokenId_fkey";

-- DropTable
DROP TABLE "ApiRateWindow";

-- CreateTable
CREATE TABLE "RateWindow" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateWindow_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "RateWindow_windowStart_idx" ON "RateWindow"("windowStart");

