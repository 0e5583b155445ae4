-- CreateTable
CREATE TABLE "MetricRow" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "gmv" REAL NOT NULL DEFAULT 0,
    "refunds" REAL NOT NULL DEFAULT 0,
    "adSpend" REAL NOT NULL DEFAULT 0,
    "newCustomers" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "MetricTarget" (
    "store" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "gmv" REAL NOT NULL,

    PRIMARY KEY ("store", "month")
);

-- CreateTable
CREATE TABLE "DigestSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "target" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "cadence" TEXT NOT NULL,
    "weekday" INTEGER,
    "time" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MetricAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rule" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "messageId" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MetricSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "MetricRow_store_date_idx" ON "MetricRow"("store", "date");

-- CreateIndex
CREATE UNIQUE INDEX "MetricRow_date_hour_store_channel_sku_key" ON "MetricRow"("date", "hour", "store", "channel", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "DigestSubscription_target_store_cadence_key" ON "DigestSubscription"("target", "store", "cadence");

-- CreateIndex
CREATE UNIQUE INDEX "MetricAlert_rule_metric_store_date_level_key" ON "MetricAlert"("rule", "metric", "store", "date", "level");

