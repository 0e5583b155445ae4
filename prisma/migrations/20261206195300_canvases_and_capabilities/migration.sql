-- CreateTable
CREATE TABLE "CanvasDoc" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "canvasId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SlackCapability" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "available" BOOLEAN NOT NULL,
    "reason" TEXT,
    "checkedAt" DATETIME NOT NULL
);

