-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "policy" TEXT NOT NULL,
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
INSERT INTO "new_ComplaintCase" ("acknowledgedAt", "breaches", "cardId", "cause", "clockGen", "clockKind", "clockStartedAt", "closedAt", "confirmedAt", "createdAt", "customerName", "deadlineAt", "escalations", "id", "number", "orderNo", "ownerId", "pausedAt", "policy", "remainingMs", "remedy", "resolvedAt", "satisfaction", "sourceChannel", "sourceLink", "sourceThreadTs", "sourceTs", "startTier", "status", "summary", "tier", "urgency", "vip") SELECT "acknowledgedAt", "breaches", "cardId", "cause", "clockGen", "clockKind", "clockStartedAt", "closedAt", "confirmedAt", "createdAt", "customerName", "deadlineAt", "escalations", "id", "number", "orderNo", "ownerId", "pausedAt", "policy", "remainingMs", "remedy", "resolvedAt", "satisfaction", "sourceChannel", "sourceLink", "sourceThreadTs", "sourceTs", "startTier", "status", "summary", "tier", "urgency", "vip" FROM "ComplaintCase";
DROP TABLE "ComplaintCase";
ALTER TABLE "new_ComplaintCase" RENAME TO "ComplaintCase";
CREATE UNIQUE INDEX "ComplaintCase_number_key" ON "ComplaintCase"("number");
CREATE INDEX "ComplaintCase_status_idx" ON "ComplaintCase"("status");
CREATE INDEX "ComplaintCase_createdAt_idx" ON "ComplaintCase"("createdAt");
CREATE TABLE "new_Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "eventDate" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "targets" TEXT NOT NULL DEFAULT '{}',
    "templateId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "gen" INTEGER NOT NULL DEFAULT 0,
    "checklistMsgId" TEXT,
    "gate" TEXT,
    "retro" TEXT,
    "createdAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Campaign" ("channelId", "checklistMsgId", "createdAt", "eventDate", "gate", "gen", "id", "kind", "name", "number", "ownerId", "retro", "status", "targets", "templateId", "timeZone") SELECT "channelId", "checklistMsgId", "createdAt", "eventDate", "gate", "gen", "id", "kind", "name", "number", "ownerId", "retro", "status", "targets", "templateId", "timeZone" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE UNIQUE INDEX "Campaign_number_key" ON "Campaign"("number");
CREATE TABLE "new_CampaignItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "doneMeans" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "offsetDays" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "doneAt" DATETIME,
    "doneBy" TEXT,
    "note" TEXT,
    "naReason" TEXT,
    "gate" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "CampaignItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CampaignItem" ("campaignId", "doneAt", "doneBy", "doneMeans", "dueDate", "gate", "id", "naReason", "note", "offsetDays", "ownerId", "role", "seq", "stage", "status", "title") SELECT "campaignId", "doneAt", "doneBy", "doneMeans", "dueDate", "gate", "id", "naReason", "note", "offsetDays", "ownerId", "role", "seq", "stage", "status", "title" FROM "CampaignItem";
DROP TABLE "CampaignItem";
ALTER TABLE "new_CampaignItem" RENAME TO "CampaignItem";
CREATE INDEX "CampaignItem_campaignId_seq_idx" ON "CampaignItem"("campaignId", "seq");
CREATE INDEX "CampaignItem_ownerId_status_idx" ON "CampaignItem"("ownerId", "status");
CREATE TABLE "new_MetricAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rule" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "messageId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_MetricAlert" ("createdAt", "date", "detail", "id", "level", "messageId", "metric", "rule", "status", "store") SELECT "createdAt", "date", "detail", "id", "level", "messageId", "metric", "rule", "status", "store" FROM "MetricAlert";
DROP TABLE "MetricAlert";
ALTER TABLE "new_MetricAlert" RENAME TO "MetricAlert";
CREATE UNIQUE INDEX "MetricAlert_rule_metric_store_date_level_key" ON "MetricAlert"("rule", "metric", "store", "date", "level");
CREATE TABLE "new_Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "dueDate" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "rIds" TEXT NOT NULL,
    "aId" TEXT NOT NULL,
    "cIds" TEXT NOT NULL DEFAULT '[]',
    "iTargets" TEXT NOT NULL DEFAULT '[]',
    "consults" TEXT NOT NULL DEFAULT '{}',
    "blockedReason" TEXT,
    "sentBackWhy" TEXT,
    "messageId" TEXT,
    "link" TEXT,
    "flowId" TEXT,
    "flowStep" INTEGER,
    "gen" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "doneAt" DATETIME,
    "approvedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Task" ("aId", "approvedAt", "blockedReason", "cIds", "channelId", "consults", "createdAt", "createdBy", "description", "doneAt", "dueDate", "flowId", "flowStep", "gen", "iTargets", "id", "link", "messageId", "number", "rIds", "sentBackWhy", "status", "title") SELECT "aId", "approvedAt", "blockedReason", "cIds", "channelId", "consults", "createdAt", "createdBy", "description", "doneAt", "dueDate", "flowId", "flowStep", "gen", "iTargets", "id", "link", "messageId", "number", "rIds", "sentBackWhy", "status", "title" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE UNIQUE INDEX "Task_number_key" ON "Task"("number");
CREATE INDEX "Task_flowId_flowStep_idx" ON "Task"("flowId", "flowStep");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

