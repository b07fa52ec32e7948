-- CreateIndex
CREATE INDEX "Request_mergedIntoId_idx" ON "Request"("mergedIntoId");

