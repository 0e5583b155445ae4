-- DropIndex
DROP INDEX "MetricRow_store_date_idx";

-- CreateIndex
CREATE INDEX "MetricRow_store_hour_date_sku_idx" ON "MetricRow"("store", "hour", "date", "sku");

