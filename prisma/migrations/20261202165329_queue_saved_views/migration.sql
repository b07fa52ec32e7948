-- CreateTable
CREATE TABLE "SavedQueueView" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "filter" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedQueueView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueLayout" (
    "personId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "columns" TEXT[],
    "defaultView" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QueueLayout_pkey" PRIMARY KEY ("personId","departmentId")
);

-- CreateIndex
CREATE INDEX "SavedQueueView_departmentId_shared_idx" ON "SavedQueueView"("departmentId", "shared");

-- CreateIndex
CREATE UNIQUE INDEX "SavedQueueView_departmentId_ownerId_name_key" ON "SavedQueueView"("departmentId", "ownerId", "name");

-- AddForeignKey
ALTER TABLE "SavedQueueView" ADD CONSTRAINT "SavedQueueView_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedQueueView" ADD CONSTRAINT "SavedQueueView_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueLayout" ADD CONSTRAINT "QueueLayout_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueLayout" ADD CONSTRAINT "QueueLayout_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

