-- AlterTable
ALTER TABLE "MetricRow" ADD COLUMN     "fromHours" BOOLEAN NOT NULL DEFAULT false;

