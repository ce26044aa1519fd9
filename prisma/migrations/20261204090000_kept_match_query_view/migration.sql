-- The query view (QUERY_VIEW) a kept match was embedded with, as describeQueryView writes
-- it, so the refit from feedback can leave out matches of another view. Null for matches
-- kept before it was recorded: their view is unknown.

-- AlterTable
ALTER TABLE "kept_match" ADD COLUMN "query_view" TEXT;
