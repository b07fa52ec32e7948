-- CreateTable
CREATE TABLE "ThemePublication" (
    "period" TEXT NOT NULL,
    "minCommenters" INTEGER NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThemePublication_pkey" PRIMARY KEY ("period")
);

-- CreateTable
CREATE TABLE "PublishedThemes" (
    "period" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "terms" TEXT[],
    "publishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublishedThemes_pkey" PRIMARY KEY ("period","departmentId")
);

-- CreateIndex
CREATE INDEX "PublishedThemes_departmentId_idx" ON "PublishedThemes"("departmentId");


-- Published themes are append-only like ratings: a published period never changes (DESIGN: anonymity).
-- refuse_history_change() is the init migration's trigger function (its body has no semicolons to split).
CREATE TRIGGER "ThemePublication_append_only" BEFORE UPDATE OR DELETE ON "ThemePublication"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER "ThemePublication_no_truncate" BEFORE TRUNCATE ON "ThemePublication"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER "PublishedThemes_append_only" BEFORE UPDATE OR DELETE ON "PublishedThemes"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER "PublishedThemes_no_truncate" BEFORE TRUNCATE ON "PublishedThemes"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
