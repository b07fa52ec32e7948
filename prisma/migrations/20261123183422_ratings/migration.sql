-- CreateTable
CREATE TABLE "Rating" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "requesterId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rating_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Rating_departmentId_createdAt_idx" ON "Rating"("departmentId", "createdAt");

-- CreateIndex
CREATE INDEX "Rating_requesterId_idx" ON "Rating"("requesterId");

-- CreateIndex
CREATE UNIQUE INDEX "Rating_requestId_cycle_key" ON "Rating"("requestId", "cycle");

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Ratings are append-only like the event log: nobody, staff included, can change or remove one.
-- refuse_history_change() is the init migration's trigger function (its body has no semicolons to split).
CREATE TRIGGER "Rating_append_only" BEFORE UPDATE OR DELETE ON "Rating"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER "Rating_no_truncate" BEFORE TRUNCATE ON "Rating"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
