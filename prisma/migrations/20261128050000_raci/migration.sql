-- CreateTable
CREATE TABLE "Task" (
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
    "approvedAt" DATETIME
);

-- CreateTable
CREATE TABLE "TaskFlow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "template" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RoleMapping" (
    "role" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "backupId" TEXT
);

-- CreateTable
CREATE TABLE "TaskNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "target" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Task_number_key" ON "Task"("number");

-- CreateIndex
CREATE INDEX "Task_flowId_flowStep_idx" ON "Task"("flowId", "flowStep");

-- CreateIndex
CREATE UNIQUE INDEX "TaskFlow_number_key" ON "TaskFlow"("number");

-- CreateIndex
CREATE INDEX "TaskNotice_target_sentAt_idx" ON "TaskNotice"("target", "sentAt");

