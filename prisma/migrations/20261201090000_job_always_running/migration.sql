-- Jobs are created running: the never-used "queued" status goes, and started_at is
-- always set (from created_at where a row somehow lacks it).

-- AlterEnum
UPDATE "job" SET "status" = 'failed', "error" = COALESCE("error", 'never started') WHERE "status" = 'queued';
ALTER TYPE "JobStatus" RENAME TO "JobStatus_old";
CREATE TYPE "JobStatus" AS ENUM ('running', 'succeeded', 'failed');
ALTER TABLE "job" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "job" ALTER COLUMN "status" TYPE "JobStatus" USING ("status"::text::"JobStatus");
ALTER TABLE "job" ALTER COLUMN "status" SET DEFAULT 'running';
DROP TYPE "JobStatus_old";

-- AlterTable
UPDATE "job" SET "started_at" = "created_at" WHERE "started_at" IS NULL;
ALTER TABLE "job" ALTER COLUMN "started_at" SET NOT NULL,
ALTER COLUMN "started_at" SET DEFAULT CURRENT_TIMESTAMP;
