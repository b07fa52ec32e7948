-- Satisfaction figures are no longer a live release replaced every few seconds: each closed month is
-- published once and never changes (lib/satisfaction/publish-satisfaction.ts). The live rows go, and the
-- publication job publishes every closed month again on its first run.
DELETE FROM "SatisfactionFigure";
DELETE FROM "Setting" WHERE "key" = 'satisfactionRollup';

-- AlterTable
ALTER TABLE "PulseRound" ADD COLUMN     "publishedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SatisfactionFigure" ADD COLUMN     "publishedAt" TIMESTAMP(3) NOT NULL;

-- CreateTable
CREATE TABLE "SatisfactionPublication" (
    "month" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SatisfactionPublication_pkey" PRIMARY KEY ("month")
);

-- CreateTable
CREATE TABLE "PulseFigure" (
    "key" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "shown" BOOLEAN NOT NULL,
    "responses" INTEGER,
    "satisfied" INTEGER,
    "scoreSum" INTEGER,
    "publishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PulseFigure_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "PulseFigure_roundId_idx" ON "PulseFigure"("roundId");

-- CreateIndex
CREATE INDEX "Rating_createdAt_idx" ON "Rating"("createdAt");


-- Published figures are append-only like ratings: nobody can change or remove what was shown.
-- refuse_history_change() is the init migration's trigger function (its body has no semicolons to split).
CREATE TRIGGER "SatisfactionFigure_append_only" BEFORE UPDATE OR DELETE ON "SatisfactionFigure"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER "SatisfactionFigure_no_truncate" BEFORE TRUNCATE ON "SatisfactionFigure"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER "SatisfactionPublication_append_only" BEFORE UPDATE OR DELETE ON "SatisfactionPublication"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER "SatisfactionPublication_no_truncate" BEFORE TRUNCATE ON "SatisfactionPublication"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER "PulseFigure_append_only" BEFORE UPDATE OR DELETE ON "PulseFigure"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER "PulseFigure_no_truncate" BEFORE TRUNCATE ON "PulseFigure"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
