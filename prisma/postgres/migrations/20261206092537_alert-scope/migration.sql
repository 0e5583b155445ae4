-- DropIndex
DROP INDEX "MetricAlert_rule_metric_store_date_level_key";

-- AlterTable
ALTER TABLE "MetricAlert" ADD COLUMN     "scope" TEXT NOT NULL DEFAULT '';

-- A T0 alert already raised belongs to its promotion.
UPDATE "MetricAlert" SET "scope" = "detail"->>'campaignId' WHERE "rule" LIKE 't0.%' AND ("detail"->>'campaignId') IS NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "MetricAlert_rule_metric_store_date_level_scope_key" ON "MetricAlert"("rule", "metric", "store", "date", "level", "scope");

