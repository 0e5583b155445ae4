-- CreateTable
CREATE TABLE "CaseWatcher" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "executionId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "doneAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "CaseWatcher_executionId_key" ON "CaseWatcher"("executionId");

-- CreateIndex
CREATE INDEX "CaseWatcher_caseId_doneAt_idx" ON "CaseWatcher"("caseId", "doneAt");

