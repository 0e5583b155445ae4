-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Timer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ownerId" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "version" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" DATETIME,
    "claimToken" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);
INSERT INTO "new_Timer" ("attempts", "claimToken", "createdAt", "dueAt", "finishedAt", "id", "key", "kind", "lastError", "leaseUntil", "ownerId", "payload", "status", "version") SELECT "attempts", "claimToken", "createdAt", "dueAt", "finishedAt", "id", "key", "kind", "lastError", "leaseUntil", "ownerId", "payload", "status", "version" FROM "Timer";
DROP TABLE "Timer";
ALTER TABLE "new_Timer" RENAME TO "Timer";
CREATE UNIQUE INDEX "Timer_key_key" ON "Timer"("key");
CREATE INDEX "Timer_status_dueAt_idx" ON "Timer"("status", "dueAt");
CREATE INDEX "Timer_status_leaseUntil_idx" ON "Timer"("status", "leaseUntil");
CREATE INDEX "Timer_ownerId_status_idx" ON "Timer"("ownerId", "status");
CREATE TABLE "new_ComplaintCase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "tier" INTEGER NOT NULL,
    "startTier" INTEGER NOT NULL,
    "urgency" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "orderNo" TEXT NOT NULL,
    "customerName" TEXT NOT NULL,
    "vip" BOOLEAN NOT NULL,
    "summary" TEXT NOT NULL,
    "sourceChannel" TEXT,
    "sourceTs" TEXT,
    "sourceThreadTs" TEXT,
    "sourceLink" TEXT,
    "ownerId" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "clockKind" TEXT NOT NULL,
    "clockGen" INTEGER NOT NULL DEFAULT 0,
    "clockStartedAt" DATETIME,
    "deadlineAt" DATETIME,
    "pausedAt" DATETIME,
    "remainingMs" INTEGER,
    "breaches" INTEGER NOT NULL DEFAULT 0,
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "cardId" TEXT,
    "remedy" TEXT,
    "satisfaction" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "resolvedAt" DATETIME,
    "confirmedAt" DATETIME,
    "closedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_ComplaintCase" ("acknowledgedAt", "breaches", "cardId", "cause", "clockGen", "clockKind", "clockStartedAt", "closedAt", "confirmedAt", "createdAt", "customerName", "deadlineAt", "escalations", "id", "number", "orderNo", "ownerId", "pausedAt", "policy", "remainingMs", "remedy", "resolvedAt", "satisfaction", "sourceChannel", "sourceLink", "sourceThreadTs", "sourceTs", "startTier", "status", "summary", "tier", "urgency", "version", "vip") SELECT "acknowledgedAt", "breaches", "cardId", "cause", "clockGen", "clockKind", "clockStartedAt", "closedAt", "confirmedAt", "createdAt", "customerName", "deadlineAt", "escalations", "id", "number", "orderNo", "ownerId", "pausedAt", "policy", "remainingMs", "remedy", "resolvedAt", "satisfaction", "sourceChannel", "sourceLink", "sourceThreadTs", "sourceTs", "startTier", "status", "summary", "tier", "urgency", "version", "vip" FROM "ComplaintCase";
DROP TABLE "ComplaintCase";
ALTER TABLE "new_ComplaintCase" RENAME TO "ComplaintCase";
CREATE UNIQUE INDEX "ComplaintCase_number_key" ON "ComplaintCase"("number");
CREATE INDEX "ComplaintCase_status_idx" ON "ComplaintCase"("status");
CREATE INDEX "ComplaintCase_createdAt_idx" ON "ComplaintCase"("createdAt");
CREATE TABLE "new_ComplaintEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actorId" TEXT,
    "kind" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "ComplaintEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ComplaintCase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ComplaintEvent" ("actorId", "at", "caseId", "detail", "id", "kind") SELECT "actorId", "at", "caseId", "detail", "id", "kind" FROM "ComplaintEvent";
DROP TABLE "ComplaintEvent";
ALTER TABLE "new_ComplaintEvent" RENAME TO "ComplaintEvent";
CREATE INDEX "ComplaintEvent_caseId_at_idx" ON "ComplaintEvent"("caseId", "at");
CREATE TABLE "new_PlaybookTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL
);
INSERT INTO "new_PlaybookTemplate" ("body", "createdAt", "createdBy", "id", "name", "version") SELECT "body", "createdAt", "createdBy", "id", "name", "version" FROM "PlaybookTemplate";
DROP TABLE "PlaybookTemplate";
ALTER TABLE "new_PlaybookTemplate" RENAME TO "PlaybookTemplate";
CREATE UNIQUE INDEX "PlaybookTemplate_name_version_key" ON "PlaybookTemplate"("name", "version");
CREATE TABLE "new_MetricAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rule" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "messageId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_MetricAlert" ("createdAt", "date", "detail", "id", "level", "messageId", "metric", "rule", "status", "store", "version") SELECT "createdAt", "date", "detail", "id", "level", "messageId", "metric", "rule", "status", "store", "version" FROM "MetricAlert";
DROP TABLE "MetricAlert";
ALTER TABLE "new_MetricAlert" RENAME TO "MetricAlert";
CREATE UNIQUE INDEX "MetricAlert_rule_metric_store_date_level_key" ON "MetricAlert"("rule", "metric", "store", "date", "level");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

