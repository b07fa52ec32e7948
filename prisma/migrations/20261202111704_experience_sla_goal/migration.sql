-- AlterTable
ALTER TABLE "Department" ADD COLUMN     "slaGoal" INTEGER NOT NULL DEFAULT 90;

