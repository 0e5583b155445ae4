-- CreateTable
CREATE TABLE "CaseWatcher" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "executionId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "CaseWatcher_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CaseWatcher_executionId_key" ON "CaseWatcher"("executionId");

-- CreateIndex
CREATE INDEX "CaseWatcher_caseId_doneAt_idx" ON "CaseWatcher"("caseId", "doneAt");

