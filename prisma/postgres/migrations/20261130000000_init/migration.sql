-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
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
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "claimToken" TEXT,
    "lastError" TEXT,
    "ts" TEXT,
    "sentChannel" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "actorId" TEXT,
    "lane" TEXT NOT NULL DEFAULT '',
    "seq" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxLane" (
    "lane" TEXT NOT NULL,
    "nextAt" TIMESTAMP(3),
    "pending" INTEGER NOT NULL DEFAULT 0,
    "claimToken" TEXT,

    CONSTRAINT "OutboxLane_pkey" PRIMARY KEY ("lane")
);

-- CreateTable
CREATE TABLE "SlackPause" (
    "method" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackPause_pkey" PRIMARY KEY ("method")
);

-- CreateTable
CREATE TABLE "Timer" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ownerId" TEXT,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "version" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "claimToken" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Timer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserProfile" (
    "userId" TEXT NOT NULL,
    "locale" TEXT,
    "chosenLocale" TEXT,
    "tz" TEXT,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserProfile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "SeenRequest" (
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeenRequest_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "ComplaintPolicy" (
    "id" TEXT NOT NULL,
    "urgentAckMs" INTEGER NOT NULL,
    "generalResolveMs" INTEGER NOT NULL,
    "warnPercent" INTEGER NOT NULL,
    "tier3RepeatMs" INTEGER NOT NULL,
    "vipStartTier" INTEGER NOT NULL,
    "refundApprovalAbove" INTEGER NOT NULL,
    "workingHours" TEXT,
    "holidays" TEXT NOT NULL DEFAULT '[]',
    "updatedBy" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComplaintPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintTier" (
    "tier" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "userIds" TEXT NOT NULL DEFAULT '[]',
    "userGroupId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComplaintTier_pkey" PRIMARY KEY ("tier")
);

-- CreateTable
CREATE TABLE "ComplaintCase" (
    "id" TEXT NOT NULL,
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
    "clockStartedAt" TIMESTAMP(3),
    "deadlineAt" TIMESTAMP(3),
    "pausedAt" TIMESTAMP(3),
    "remainingMs" INTEGER,
    "breaches" INTEGER NOT NULL DEFAULT 0,
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "cardId" TEXT,
    "remedy" TEXT,
    "satisfaction" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "ComplaintCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintEvent" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "ComplaintEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlaybookTemplate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlaybookTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignItem" (
    "id" TEXT NOT NULL,
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
    "doneAt" TIMESTAMP(3),
    "doneBy" TEXT,
    "note" TEXT,
    "naReason" TEXT,
    "gate" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CampaignItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "orderId" TEXT,
    "sku" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "reviewedAt" TIMESTAMP(3) NOT NULL,
    "negative" BOOLEAN NOT NULL,
    "causes" TEXT NOT NULL DEFAULT '[]',
    "hits" TEXT NOT NULL DEFAULT '[]',
    "severity" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewKeyword" (
    "word" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewKeyword_pkey" PRIMARY KEY ("word")
);

-- CreateTable
CREATE TABLE "ReviewSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ReviewSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ReviewSubscription" (
    "id" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewAlert" (
    "id" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "messageId" TEXT NOT NULL,
    "reviewIds" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "ReviewAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricRow" (
    "id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "hour" INTEGER NOT NULL DEFAULT -1,
    "store" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'all',
    "sku" TEXT NOT NULL DEFAULT '',
    "uv" INTEGER NOT NULL DEFAULT 0,
    "pv" INTEGER NOT NULL DEFAULT 0,
    "productViews" INTEGER NOT NULL DEFAULT 0,
    "cartAdds" INTEGER NOT NULL DEFAULT 0,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "buyers" INTEGER NOT NULL DEFAULT 0,
    "gmv" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "refunds" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "adSpend" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "newCustomers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MetricRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricTarget" (
    "store" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "gmv" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricTarget_pkey" PRIMARY KEY ("store","month")
);

-- CreateTable
CREATE TABLE "DigestSubscription" (
    "id" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "cadence" TEXT NOT NULL,
    "weekday" INTEGER,
    "time" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DigestSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricAlert" (
    "id" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MetricAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "MetricSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskFlow" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "template" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaskFlow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleMapping" (
    "role" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "backupId" TEXT,

    CONSTRAINT "RoleMapping_pkey" PRIMARY KEY ("role")
);

-- CreateTable
CREATE TABLE "TaskNotice" (
    "id" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "TaskNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_lane_status_seq_idx" ON "OutboxMessage"("lane", "status", "seq");

-- CreateIndex
CREATE INDEX "OutboxMessage_targetId_status_idx" ON "OutboxMessage"("targetId", "status");

-- CreateIndex
CREATE INDEX "OutboxLane_nextAt_idx" ON "OutboxLane"("nextAt");

-- CreateIndex
CREATE UNIQUE INDEX "Timer_key_key" ON "Timer"("key");

-- CreateIndex
CREATE INDEX "Timer_status_dueAt_idx" ON "Timer"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Timer_status_leaseUntil_idx" ON "Timer"("status", "leaseUntil");

-- CreateIndex
CREATE INDEX "Timer_ownerId_status_idx" ON "Timer"("ownerId", "status");

-- CreateIndex
CREATE INDEX "SeenRequest_at_idx" ON "SeenRequest"("at");

-- CreateIndex
CREATE UNIQUE INDEX "ComplaintCase_number_key" ON "ComplaintCase"("number");

-- CreateIndex
CREATE INDEX "ComplaintCase_status_idx" ON "ComplaintCase"("status");

-- CreateIndex
CREATE INDEX "ComplaintCase_createdAt_idx" ON "ComplaintCase"("createdAt");

-- CreateIndex
CREATE INDEX "ComplaintEvent_caseId_at_idx" ON "ComplaintEvent"("caseId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "PlaybookTemplate_name_version_key" ON "PlaybookTemplate"("name", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_number_key" ON "Campaign"("number");

-- CreateIndex
CREATE INDEX "CampaignItem_campaignId_seq_idx" ON "CampaignItem"("campaignId", "seq");

-- CreateIndex
CREATE INDEX "CampaignItem_ownerId_status_idx" ON "CampaignItem"("ownerId", "status");

-- CreateIndex
CREATE INDEX "Review_reviewedAt_idx" ON "Review"("reviewedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Review_platform_reviewId_key" ON "Review"("platform", "reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewSubscription_channelId_key" ON "ReviewSubscription"("channelId");

-- CreateIndex
CREATE INDEX "ReviewAlert_sku_windowStart_idx" ON "ReviewAlert"("sku", "windowStart");

-- CreateIndex
CREATE INDEX "MetricRow_store_hour_date_sku_idx" ON "MetricRow"("store", "hour", "date", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "MetricRow_date_hour_store_channel_sku_key" ON "MetricRow"("date", "hour", "store", "channel", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "DigestSubscription_target_store_cadence_key" ON "DigestSubscription"("target", "store", "cadence");

-- CreateIndex
CREATE UNIQUE INDEX "MetricAlert_rule_metric_store_date_level_key" ON "MetricAlert"("rule", "metric", "store", "date", "level");

-- CreateIndex
CREATE UNIQUE INDEX "Task_number_key" ON "Task"("number");

-- CreateIndex
CREATE INDEX "Task_flowId_flowStep_idx" ON "Task"("flowId", "flowStep");

-- CreateIndex
CREATE UNIQUE INDEX "TaskFlow_number_key" ON "TaskFlow"("number");

-- CreateIndex
CREATE INDEX "TaskNotice_target_sentAt_idx" ON "TaskNotice"("target", "sentAt");

-- AddForeignKey
ALTER TABLE "ComplaintEvent" ADD CONSTRAINT "ComplaintEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ComplaintCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignItem" ADD CONSTRAINT "CampaignItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

