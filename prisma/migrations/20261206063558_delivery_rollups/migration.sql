-- DropIndex
DROP INDEX "ComplaintCase_status_idx";

-- AlterTable
ALTER TABLE "UserProfile" ADD COLUMN "name" TEXT;

-- AlterTable
ALTER TABLE "ComplaintCase" ADD COLUMN "tierPeople" TEXT;

-- CreateTable
CREATE TABLE "Rollup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lane" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "head" TEXT NOT NULL,
    "parentId" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "urgent" INTEGER NOT NULL DEFAULT 0,
    "shownCount" INTEGER NOT NULL DEFAULT 0,
    "listed" INTEGER NOT NULL DEFAULT 0,
    "openedAt" DATETIME NOT NULL,
    "lastFoldAt" DATETIME NOT NULL,
    "editAfter" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'open'
);

-- CreateTable
CREATE TABLE "SlackBudget" (
    "method" TEXT NOT NULL PRIMARY KEY,
    "tokens" REAL NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MentionLog" (
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "target")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "channel" TEXT,
    "userId" TEXT,
    "threadTs" TEXT,
    "responseUrl" TEXT,
    "targetId" TEXT,
    "threadOfId" TEXT,
    "body" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "claimToken" TEXT,
    "lastError" TEXT,
    "ts" TEXT,
    "sentChannel" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "actorId" TEXT,
    "lane" TEXT NOT NULL DEFAULT '',
    "seq" BIGINT NOT NULL DEFAULT 0,
    "priority" INTEGER NOT NULL DEFAULT 2,
    "fromAction" BOOLEAN NOT NULL DEFAULT false,
    "groupKey" TEXT,
    "item" TEXT,
    "rollupId" TEXT,
    "shownIn" TEXT
);
INSERT INTO "new_OutboxMessage" ("actorId", "attempts", "body", "channel", "claimToken", "createdAt", "dedupeKey", "id", "kind", "lane", "lastError", "leaseUntil", "nextAttemptAt", "responseUrl", "sentAt", "sentChannel", "seq", "status", "targetId", "threadOfId", "threadTs", "ts", "userId") SELECT "actorId", "attempts", "body", "channel", "claimToken", "createdAt", "dedupeKey", "id", "kind", "lane", "lastError", "leaseUntil", "nextAttemptAt", "responseUrl", "sentAt", "sentChannel", "seq", "status", "targetId", "threadOfId", "threadTs", "ts", "userId" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_lane_status_priority_seq_idx" ON "OutboxMessage"("lane", "status", "priority", "seq");
CREATE INDEX "OutboxMessage_targetId_status_idx" ON "OutboxMessage"("targetId", "status");
CREATE INDEX "OutboxMessage_threadOfId_idx" ON "OutboxMessage"("threadOfId");
CREATE INDEX "OutboxMessage_rollupId_shownIn_priority_seq_idx" ON "OutboxMessage"("rollupId", "shownIn", "priority", "seq");
CREATE TABLE "new_OutboxLane" (
    "lane" TEXT NOT NULL PRIMARY KEY,
    "nextAt" DATETIME,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "claimToken" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 2
);
INSERT INTO "new_OutboxLane" ("claimToken", "lane", "nextAt", "pending") SELECT "claimToken", "lane", "nextAt", "pending" FROM "OutboxLane";
DROP TABLE "OutboxLane";
ALTER TABLE "new_OutboxLane" RENAME TO "OutboxLane";
CREATE INDEX "OutboxLane_nextAt_idx" ON "OutboxLane"("nextAt");
CREATE INDEX "OutboxLane_priority_nextAt_idx" ON "OutboxLane"("priority", "nextAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Rollup_lane_groupKey_status_idx" ON "Rollup"("lane", "groupKey", "status");

-- CreateIndex
CREATE INDEX "Rollup_status_lastFoldAt_idx" ON "Rollup"("status", "lastFoldAt");

-- CreateIndex
CREATE INDEX "ComplaintCase_status_vip_urgency_deadlineAt_idx" ON "ComplaintCase"("status", "vip", "urgency", "deadlineAt");

-- CreateIndex
CREATE INDEX "ComplaintCase_ownerId_status_idx" ON "ComplaintCase"("ownerId", "status");

