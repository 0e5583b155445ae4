-- DropIndex
DROP INDEX "OutboxMessage_lane_status_seq_idx";

-- DropIndex
DROP INDEX "ComplaintCase_status_idx";

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "fromAction" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "groupKey" TEXT,
ADD COLUMN     "item" TEXT,
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "rollupId" TEXT,
ADD COLUMN     "shownIn" TEXT;

-- AlterTable
ALTER TABLE "OutboxLane" ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 2;

-- AlterTable
ALTER TABLE "UserProfile" ADD COLUMN     "name" TEXT;

-- AlterTable
ALTER TABLE "ComplaintCase" ADD COLUMN     "tierPeople" TEXT;

-- CreateTable
CREATE TABLE "Rollup" (
    "id" TEXT NOT NULL,
    "lane" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "head" TEXT NOT NULL,
    "parentId" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "urgent" INTEGER NOT NULL DEFAULT 0,
    "shownCount" INTEGER NOT NULL DEFAULT 0,
    "listed" INTEGER NOT NULL DEFAULT 0,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "lastFoldAt" TIMESTAMP(3) NOT NULL,
    "editAfter" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'open',

    CONSTRAINT "Rollup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlackBudget" (
    "method" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackBudget_pkey" PRIMARY KEY ("method")
);

-- CreateTable
CREATE TABLE "MentionLog" (
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MentionLog_pkey" PRIMARY KEY ("channel","target")
);

-- CreateIndex
CREATE INDEX "Rollup_lane_groupKey_status_idx" ON "Rollup"("lane", "groupKey", "status");

-- CreateIndex
CREATE INDEX "Rollup_status_lastFoldAt_idx" ON "Rollup"("status", "lastFoldAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_lane_status_priority_seq_idx" ON "OutboxMessage"("lane", "status", "priority", "seq");

-- CreateIndex
CREATE INDEX "OutboxMessage_threadOfId_idx" ON "OutboxMessage"("threadOfId");

-- CreateIndex
CREATE INDEX "OutboxMessage_rollupId_shownIn_priority_seq_idx" ON "OutboxMessage"("rollupId", "shownIn", "priority", "seq");

-- CreateIndex
CREATE INDEX "OutboxLane_priority_nextAt_idx" ON "OutboxLane"("priority", "nextAt");

-- CreateIndex
CREATE INDEX "ComplaintCase_status_vip_urgency_deadlineAt_idx" ON "ComplaintCase"("status", "vip", "urgency", "deadlineAt");

-- CreateIndex
CREATE INDEX "ComplaintCase_ownerId_status_idx" ON "ComplaintCase"("ownerId", "status");

