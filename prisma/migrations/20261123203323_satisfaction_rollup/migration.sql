-- AlterTable
ALTER TABLE "Rating" ADD COLUMN     "agentId" TEXT;

-- CreateTable
CREATE TABLE "SatisfactionFigure" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "providerId" TEXT,
    "requesterDepartmentId" TEXT,
    "agentId" TEXT,
    "shown" BOOLEAN NOT NULL,
    "ratings" INTEGER,
    "satisfied" INTEGER,
    "scoreSum" INTEGER,

    CONSTRAINT "SatisfactionFigure_pkey" PRIMARY KEY ("key")
);

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

