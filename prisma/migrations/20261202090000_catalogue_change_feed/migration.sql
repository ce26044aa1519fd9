-- The change feed: every committed change that affects matching gets a row, numbered in
-- commit order, so each server process can bring its own vector index up to date (and
-- catch up after a reconnect) by sequence. Triggers write the rows, so no write path can
-- forget one, and they are written in the change's own transaction. pg_notify wakes the
-- other processes at commit (one notification per transaction: identical ones merge).

-- CreateTable
CREATE TABLE "catalogue_change" (
    "seq" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "item_id" UUID,
    "label" INTEGER,
    "origin" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalogue_change_pkey" PRIMARY KEY ("seq")
);

-- Records one change. The transaction-scoped advisory lock makes sequence order commit
-- order: a reader that sees sequence n has seen every committed change below n, so
-- "everything after my last applied sequence" never skips a late commit. `origin` is the
-- writing connection's application_name (the process's identity).
CREATE FUNCTION catalogue_change_record(change_kind TEXT, change_item UUID, change_label INTEGER) RETURNS VOID AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(72707370);
    INSERT INTO catalogue_change (kind, item_id, label, origin)
    VALUES (change_kind, change_item, change_label, current_setting('application_name'));
    PERFORM pg_notify('catalogue_change', '');
END;
$$ LANGUAGE plpgsql;

-- Items: created, stock, retirement, category, name; images added, removed or reordered
-- touch the item's row too. Its current state is read back by whoever applies it.
CREATE FUNCTION catalogue_change_item() RETURNS TRIGGER AS $$
BEGIN
    PERFORM catalogue_change_record('item', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, NULL);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER catalogue_item_change AFTER INSERT OR UPDATE OR DELETE ON "catalogue_item"
    FOR EACH ROW EXECUTE FUNCTION catalogue_change_item();

-- Vectors: written with new images or by a reindex, deleted with their image (cascade).
CREATE FUNCTION catalogue_change_embedding() RETURNS TRIGGER AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM catalogue_change_record('embedding-removed', NULL, OLD.label);
    ELSE
        PERFORM catalogue_change_record('embedding', NULL, NEW.label);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER embedding_change AFTER INSERT OR UPDATE OR DELETE ON "embedding"
    FOR EACH ROW EXECUTE FUNCTION catalogue_change_embedding();
