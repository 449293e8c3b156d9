-- -----------------------------------------------------------------------------
-- Bulk-written claims get their search vector in one write.
--
-- Normally a claim's search_vector is computed when the claim is inserted (from its
-- statement; it has no appearance yet) and again when its first appearance is inserted
-- (the appearance trigger sets it to NULL, which makes the claims trigger recompute it).
-- That second write is a whole new row version of the claim and an entry in each of its
-- eight indexes: for the bulk path (src/claims/insert-claims.ts) it was the costliest
-- statement of a group of 500 claims.
--
-- When the transaction-local setting claimtrail.search_vector_given is 'on', the bulk path
-- provides the vector itself — the same expression as claims_search_vector() over the one
-- appearance it inserts with the claim — and both triggers leave it alone. The setting
-- is set only around those two INSERTs (set_config(..., true): local to the transaction,
-- undone by a rollback to savepoint); every other write behaves as before.
-- -----------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION "claims_refresh_search_vector"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW."search_vector" IS NOT NULL
     AND current_setting('claimtrail.search_vector_given', true) = 'on' THEN
    RETURN NEW;
  END IF;
  NEW."search_vector" := "claims_search_vector"(NEW."statement", NEW."organizationId", NEW."id");
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION "claim_appearances_refresh_claim_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND current_setting('claimtrail.search_vector_given', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "claims" SET "search_vector" = NULL
     WHERE "organizationId" = OLD."organizationId" AND "id" = OLD."claimId";
  END IF;
  IF TG_OP = 'INSERT'
     OR (TG_OP = 'UPDATE' AND (NEW."organizationId", NEW."claimId") IS DISTINCT FROM (OLD."organizationId", OLD."claimId")) THEN
    UPDATE "claims" SET "search_vector" = NULL
     WHERE "organizationId" = NEW."organizationId" AND "id" = NEW."claimId";
  END IF;
  RETURN NULL;
END;
$$;
