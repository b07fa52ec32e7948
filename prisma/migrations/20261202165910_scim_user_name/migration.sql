-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "scimUserName" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Person_scimUserName_key" ON "Person"("scimUserName");

