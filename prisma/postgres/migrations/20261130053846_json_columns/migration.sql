-- Snapshots, templates and payloads become jsonb. Written by hand: Prisma's diff drops and re-adds
-- a column whose type changes, which would lose every row's value; USING converts them in place.

-- AlterTable
ALTER TABLE "Timer" ALTER COLUMN "payload" DROP DEFAULT,
ALTER COLUMN "payload" SET DATA TYPE JSONB USING "payload"::jsonb,
ALTER COLUMN "payload" SET DEFAULT '{}';

-- AlterTable
ALTER TABLE "ComplaintCase" ALTER COLUMN "policy" SET DATA TYPE JSONB USING "policy"::jsonb;

-- AlterTable
ALTER TABLE "ComplaintEvent" ALTER COLUMN "detail" DROP DEFAULT,
ALTER COLUMN "detail" SET DATA TYPE JSONB USING "detail"::jsonb,
ALTER COLUMN "detail" SET DEFAULT '{}';

-- AlterTable
ALTER TABLE "PlaybookTemplate" ALTER COLUMN "body" SET DATA TYPE JSONB USING "body"::jsonb;

-- AlterTable
ALTER TABLE "MetricAlert" ALTER COLUMN "detail" SET DATA TYPE JSONB USING "detail"::jsonb;
