-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "retryFrom" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "claim_external_appearances" (
    "organizationId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "datePublished" TIMESTAMPTZ(3),
    "inLanguage" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "claim_external_appearances_pkey" PRIMARY KEY ("organizationId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "claim_external_appearances_organizationId_claimId_url_key" ON "claim_external_appearances"("organizationId", "claimId", "url");

-- AddForeignKey
ALTER TABLE "claim_external_appearances" ADD CONSTRAINT "claim_external_appearances_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_external_appearances" ADD CONSTRAINT "claim_external_appearances_organizationId_claimId_fkey" FOREIGN KEY ("organizationId", "claimId") REFERENCES "claims"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: deliveries queued before this migration keep the window they had.
UPDATE "webhook_deliveries" SET "retryFrom" = "createdAt";

ALTER TABLE "claim_external_appearances" ADD CONSTRAINT "claim_external_appearances_url_http"
  CHECK ("url" ~* '^https?://' AND length("url") <= 2048);
ALTER TABLE "claim_external_appearances" ADD CONSTRAINT "claim_external_appearances_title_length"
  CHECK ("title" IS NULL OR length("title") <= 500);

-- A claim shows its external appearances, so changing them retires its stored render
-- (claim_parts_touch_render: see the claim_render_cache migration).
CREATE TRIGGER "claim_external_appearances_render_ins" AFTER INSERT ON "claim_external_appearances"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "claim_parts_touch_render"();
CREATE TRIGGER "claim_external_appearances_render_upd" AFTER UPDATE ON "claim_external_appearances"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "claim_parts_touch_render"();
CREATE TRIGGER "claim_external_appearances_render_del" AFTER DELETE ON "claim_external_appearances"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "claim_parts_touch_render"();

-- Article revisions are immutable: claims are anchored to their text by offsets, so a
-- changed text would silently move every anchor. A new text is a new revision.
CREATE FUNCTION "article_revisions_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."text" IS DISTINCT FROM OLD."text" OR NEW."textHash" IS DISTINCT FROM OLD."textHash"
     OR NEW."number" IS DISTINCT FROM OLD."number" OR NEW."articleId" IS DISTINCT FROM OLD."articleId"
     OR NEW."id" IS DISTINCT FROM OLD."id" OR NEW."organizationId" IS DISTINCT FROM OLD."organizationId"
     OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" THEN
    RAISE EXCEPTION 'article revisions are immutable: UPDATE of a revision is not allowed'
      USING HINT = 'Create a new revision instead.';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "article_revisions_immutable"
  BEFORE UPDATE ON "article_revisions"
  FOR EACH ROW EXECUTE FUNCTION "article_revisions_refuse_change"();
