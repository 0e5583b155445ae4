-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "orderId" TEXT,
    "sku" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "reviewedAt" DATETIME NOT NULL,
    "negative" BOOLEAN NOT NULL,
    "causes" TEXT NOT NULL DEFAULT '[]',
    "hits" TEXT NOT NULL DEFAULT '[]',
    "severity" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReviewKeyword" (
    "word" TEXT NOT NULL PRIMARY KEY,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReviewSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ReviewSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReviewAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sku" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "messageId" TEXT NOT NULL,
    "reviewIds" TEXT NOT NULL DEFAULT '[]'
);

-- CreateIndex
CREATE INDEX "Review_reviewedAt_idx" ON "Review"("reviewedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Review_platform_reviewId_key" ON "Review"("platform", "reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewSubscription_channelId_key" ON "ReviewSubscription"("channelId");

-- CreateIndex
CREATE INDEX "ReviewAlert_sku_windowStart_idx" ON "ReviewAlert"("sku", "windowStart");

