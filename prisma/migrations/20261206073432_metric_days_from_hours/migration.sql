-- AlterTable (hand-written: an added column with a default needs no copy of the whole table)
ALTER TABLE "MetricRow" ADD COLUMN "fromHours" BOOLEAN NOT NULL DEFAULT false;
