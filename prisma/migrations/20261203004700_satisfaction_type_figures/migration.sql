-- AlterTable
ALTER TABLE "SatisfactionFigure" ADD COLUMN     "requestTypeId" TEXT;
