-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MetricAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rule" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "messageId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "scope" TEXT NOT NULL DEFAULT ''
);
INSERT INTO "new_MetricAlert" ("createdAt", "date", "detail", "id", "level", "messageId", "metric", "rule", "status", "store", "version") SELECT "createdAt", "date", "detail", "id", "level", "messageId", "metric", "rule", "status", "store", "version" FROM "MetricAlert";
DROP TABLE "MetricAlert";
ALTER TABLE "new_MetricAlert" RENAME TO "MetricAlert";
-- A T0 alert already raised belongs to its promotion.
UPDATE "MetricAlert" SET "scope" = json_extract("detail", '$.campaignId') WHERE "rule" LIKE 't0.%' AND json_extract("detail", '$.campaignId') IS NOT NULL;
CREATE UNIQUE INDEX "MetricAlert_rule_metric_store_date_level_scope_key" ON "MetricAlert"("rule", "metric", "store", "date", "level", "scope");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

