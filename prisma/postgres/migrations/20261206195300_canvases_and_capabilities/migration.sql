-- CreateTable
CREATE TABLE "CanvasDoc" (
    "key" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "canvasId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CanvasDoc_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SlackCapability" (
    "name" TEXT NOT NULL,
    "available" BOOLEAN NOT NULL,
    "reason" TEXT,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackCapability_pkey" PRIMARY KEY ("name")
);

