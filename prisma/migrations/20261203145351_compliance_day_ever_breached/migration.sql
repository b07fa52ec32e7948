-- AlterTable
ALTER TABLE "DashboardComplianceDay" ADD COLUMN     "everBreached" INTEGER NOT NULL DEFAULT 0;

-- Days stored before this column existed hold 0 for it: forget every stored day, so each is read
-- live until the dashboard-rollup job has computed it again with the column (by hand, not from the diff).
DELETE FROM "DashboardRollupDay";
