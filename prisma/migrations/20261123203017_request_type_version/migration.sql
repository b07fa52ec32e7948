-- AlterTable
ALTER TABLE "RequestType" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

