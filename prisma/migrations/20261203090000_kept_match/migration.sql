-- Matches kept for feedback (FEEDBACK=on): the photo, its cutout and query vector, the
-- answer, and the warehouse's confirmation or "new item", for FEEDBACK_RETENTION_DAYS.
-- Rows older than that are deleted by every server process (batches with SKIP LOCKED).

-- CreateEnum
CREATE TYPE "MatchFeedback" AS ENUM ('confirmed', 'new_item');

-- CreateTable
CREATE TABLE "kept_match" (
    "id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "photo" BYTEA NOT NULL,
    "cutout" BYTEA NOT NULL,
    "embedding" BYTEA NOT NULL,
    "embedding_model_name" TEXT NOT NULL,
    "embedding_model_version" TEXT NOT NULL,
    "dim" INTEGER NOT NULL,
    "segmentation_model_name" TEXT NOT NULL,
    "segmentation_model_version" TEXT NOT NULL,
    "remove_background" BOOLEAN NOT NULL,
    "garment_found" BOOLEAN NOT NULL,
    "matches" JSONB NOT NULL,
    "verdict" TEXT,
    "verdict_item_id" UUID,
    "feedback" "MatchFeedback",
    "feedback_at" TIMESTAMP(3),
    "item_id" UUID,
    "reference_image_id" UUID,

    CONSTRAINT "kept_match_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "kept_match_created_at_idx" ON "kept_match"("created_at");

-- AddForeignKey
ALTER TABLE "kept_match" ADD CONSTRAINT "kept_match_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "catalogue_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kept_match" ADD CONSTRAINT "kept_match_reference_image_id_fkey" FOREIGN KEY ("reference_image_id") REFERENCES "studio_image"("id") ON DELETE SET NULL ON UPDATE CASCADE;
