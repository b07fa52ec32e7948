-- CreateTable
CREATE TABLE "OrgPairMonth" (
    "month" TEXT NOT NULL,
    "requesterDepartmentId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "filed" INTEGER NOT NULL,
    "firstResponseMet" INTEGER NOT NULL,
    "firstResponseBreached" INTEGER NOT NULL,
    "resolutionMet" INTEGER NOT NULL,
    "resolutionBreached" INTEGER NOT NULL,

    CONSTRAINT "OrgPairMonth_pkey" PRIMARY KEY ("month","requesterDepartmentId","providerId")
);

-- CreateTable
CREATE TABLE "OrgDepartmentMonth" (
    "month" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "openAtEnd" INTEGER NOT NULL,
    "agentReplies" INTEGER NOT NULL,
    "afterHoursReplies" INTEGER NOT NULL,

    CONSTRAINT "OrgDepartmentMonth_pkey" PRIMARY KEY ("month","departmentId")
);

-- CreateTable
CREATE TABLE "OrgRollupMonth" (
    "month" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrgRollupMonth_pkey" PRIMARY KEY ("month")
);

