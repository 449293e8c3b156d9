-- AlterTable
ALTER TABLE "claims" ADD COLUMN     "renderGen" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "renderEpoch" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "claim_renders" (
    "organizationId" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "gen" INTEGER NOT NULL,
    "epoch" INTEGER NOT NULL,
    "json" TEXT NOT NULL,

    CONSTRAINT "claim_renders_pkey" PRIMARY KEY ("organizationId","claimId")
);

-- AddForeignKey
ALTER TABLE "claim_renders" ADD CONSTRAINT "claim_renders_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_renders" ADD CONSTRAINT "claim_renders_organizationId_claimId_fkey" FOREIGN KEY ("organizationId", "claimId") REFERENCES "claims"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- -----------------------------------------------------------------------------
-- Claim renders (hand-written).
--
-- claim_renders keeps each claim's API JSON as src/claims/claim-json.ts renders it. A
-- stored render is valid while its (epoch, gen) equals (organizations.renderEpoch,
-- claims.renderGen); the read path reads those two in the same snapshot as the data it
-- renders, and the triggers below raise them in the same transaction as any change a claim
-- shows. So a stored render is never taken for a state it was not built from, whichever
-- code path (use case, import, raw SQL) made the change.
--
--   * claims: every UPDATE of the row raises renderGen (BEFORE UPDATE).
--   * appearances, chain links, verdicts, evidence: the claims concerned are touched (an
--     UPDATE that changes nothing else), which raises their renderGen. Skipped for a claim
--     whose current row version this transaction wrote itself (xmin = our xid): nobody
--     else has seen that version, and its renderGen is already above any render of an
--     earlier one. Skipped too while claimtrail.new_claims_only is 'on' (set by the bulk
--     path, src/claims/insert-claims.ts, around the rows of the claims it has just
--     inserted, possibly under a savepoint, where xmin is a subtransaction's id).
--   * sources, rating labels, articles, users: a change of a field claims show raises the
--     organization's renderEpoch, which retires all its stored renders at once (such a
--     change may concern thousands of claims; they are rendered again when next read).
-- -----------------------------------------------------------------------------
CREATE FUNCTION "claims_raise_render_gen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."renderGen" := OLD."renderGen" + 1;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "claims_render_gen"
  BEFORE UPDATE ON "claims"
  FOR EACH ROW EXECUTE FUNCTION "claims_raise_render_gen"();

CREATE FUNCTION "claims_touch_for_render"(p_orgs UUID[], p_claims UUID[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_claims IS NULL OR current_setting('claimtrail.new_claims_only', true) = 'on' THEN
    RETURN;
  END IF;
  UPDATE "claims" c SET "renderGen" = c."renderGen"
    FROM (SELECT DISTINCT o, cl FROM unnest(p_orgs, p_claims) AS k(o, cl)) t
   WHERE c."organizationId" = t.o AND c."id" = t.cl
     AND c."xmin" <> pg_current_xact_id()::xid;
END;
$$;

-- Statement-level, with transition tables: one UPDATE per statement, however many rows.
CREATE FUNCTION "claim_parts_touch_render"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs UUID[];
  ids UUID[];
BEGIN
  IF current_setting('claimtrail.new_claims_only', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT array_agg(n."organizationId"), array_agg(n."claimId") INTO orgs, ids FROM new_rows n;
    PERFORM "claims_touch_for_render"(orgs, ids);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT array_agg(o."organizationId"), array_agg(o."claimId") INTO orgs, ids FROM old_rows o;
    PERFORM "claims_touch_for_render"(orgs, ids);
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "evidence_touch_render"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs UUID[];
  ids UUID[];
BEGIN
  IF current_setting('claimtrail.new_claims_only', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT array_agg(v."organizationId"), array_agg(v."claimId") INTO orgs, ids
      FROM new_rows n JOIN "verdicts" v ON v."organizationId" = n."organizationId" AND v."id" = n."verdictId";
    PERFORM "claims_touch_for_render"(orgs, ids);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT array_agg(v."organizationId"), array_agg(v."claimId") INTO orgs, ids
      FROM old_rows o JOIN "verdicts" v ON v."organizationId" = o."organizationId" AND v."id" = o."verdictId";
    PERFORM "claims_touch_for_render"(orgs, ids);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "claim_appearances_render_ins" AFTER INSERT ON "claim_appearances"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "claim_parts_touch_render"();
CREATE TRIGGER "claim_appearances_render_upd" AFTER UPDATE ON "claim_appearances"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "claim_parts_touch_render"();
CREATE TRIGGER "claim_appearances_render_del" AFTER DELETE ON "claim_appearances"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "claim_parts_touch_render"();

CREATE TRIGGER "attribution_links_render_ins" AFTER INSERT ON "attribution_links"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "claim_parts_touch_render"();
CREATE TRIGGER "attribution_links_render_upd" AFTER UPDATE ON "attribution_links"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "claim_parts_touch_render"();
CREATE TRIGGER "attribution_links_render_del" AFTER DELETE ON "attribution_links"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "claim_parts_touch_render"();

CREATE TRIGGER "verdicts_render_ins" AFTER INSERT ON "verdicts"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "claim_parts_touch_render"();
CREATE TRIGGER "verdicts_render_upd" AFTER UPDATE ON "verdicts"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "claim_parts_touch_render"();
CREATE TRIGGER "verdicts_render_del" AFTER DELETE ON "verdicts"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "claim_parts_touch_render"();

CREATE TRIGGER "evidence_items_render_ins" AFTER INSERT ON "evidence_items"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "evidence_touch_render"();
CREATE TRIGGER "evidence_items_render_upd" AFTER UPDATE ON "evidence_items"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "evidence_touch_render"();
CREATE TRIGGER "evidence_items_render_del" AFTER DELETE ON "evidence_items"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "evidence_touch_render"();

CREATE FUNCTION "organizations_raise_render_epoch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "organizations" SET "renderEpoch" = "renderEpoch" + 1 WHERE "id" = NEW."organizationId";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "sources_render_epoch" AFTER UPDATE ON "sources" FOR EACH ROW
  WHEN ((OLD."name", OLD."type", OLD."aliases", OLD."wikidataId") IS DISTINCT FROM (NEW."name", NEW."type", NEW."aliases", NEW."wikidataId"))
  EXECUTE FUNCTION "organizations_raise_render_epoch"();
CREATE TRIGGER "rating_labels_render_epoch" AFTER UPDATE ON "rating_labels" FOR EACH ROW
  WHEN ((OLD."key", OLD."label", OLD."colour", OLD."value") IS DISTINCT FROM (NEW."key", NEW."label", NEW."colour", NEW."value"))
  EXECUTE FUNCTION "organizations_raise_render_epoch"();
CREATE TRIGGER "articles_render_epoch" AFTER UPDATE ON "articles" FOR EACH ROW
  WHEN ((OLD."title", OLD."url", OLD."publishedAt") IS DISTINCT FROM (NEW."title", NEW."url", NEW."publishedAt"))
  EXECUTE FUNCTION "organizations_raise_render_epoch"();
CREATE TRIGGER "users_render_epoch" AFTER UPDATE ON "users" FOR EACH ROW
  WHEN ((OLD."name", OLD."email") IS DISTINCT FROM (NEW."name", NEW."email"))
  EXECUTE FUNCTION "organizations_raise_render_epoch"();
