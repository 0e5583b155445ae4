-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "threadOfId" TEXT;

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "ComplaintPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "urgentAckMs" INTEGER NOT NULL,
    "generalResolveMs" INTEGER NOT NULL,
    "warnPercent" INTEGER NOT NULL,
    "tier3RepeatMs" INTEGER NOT NULL,
    "vipStartTier" INTEGER NOT NULL,
    "refundApprovalAbove" INTEGER NOT NULL,
    "workingHours" TEXT,
    "holidays" TEXT NOT NULL DEFAULT '[]',
    "updatedBy" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ComplaintTier" (
    "tier" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channelId" TEXT NOT NULL,
    "userIds" TEXT NOT NULL DEFAULT '[]',
    "userGroupId" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ComplaintCase" (
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
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ComplaintEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actorId" TEXT,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "ComplaintEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ComplaintCase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ComplaintCase_number_key" ON "ComplaintCase"("number");

-- CreateIndex
CREATE INDEX "ComplaintCase_status_idx" ON "ComplaintCase"("status");

-- CreateIndex
CREATE INDEX "ComplaintCase_createdAt_idx" ON "ComplaintCase"("createdAt");

-- CreateIndex
CREATE INDEX "ComplaintEvent_caseId_at_idx" ON "ComplaintEvent"("caseId", "at");

