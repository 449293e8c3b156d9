-- AlterTable
ALTER TABLE "claims" ADD COLUMN     "search_pairs" INTEGER[];

-- -----------------------------------------------------------------------------
-- Phrase search (hand-written).
--
-- A quoted phrase, websearch "carbon tax", is the tsquery 'carbon' <-> 'tax'. The GIN
-- index on search_vector cannot check adjacency: it yields every claim holding both
-- words, and each must be read to check the positions. When the words are common and
-- the phrase is rare, that is thousands of rows for a page of twenty (the benchmark at a
-- million claims: 10,317 hold both words, 716 the phrase; the newest-first walk read
-- 38,000 claims, the bitmap of both words 10,317 scattered rows).
--
-- search_pairs holds a key for each pair of adjacent lexemes of the search vector
-- ('carbon tax', from the positions to_tsvector gives), so a phrase's pairs find its
-- candidates in a GIN index of their own. A key is the pair's hashtext(), not the text:
-- four bytes a pair keep the claims row narrow (every list walks claims rows), and
-- hashtext is cheap enough for the bulk import (an MD5 per pair doubled the cost). The
-- query side hashes its pairs with the same function in the same statement
-- (src/claims/claim-search.ts). The full tsquery is still checked on every candidate, so
-- the keys only narrow, never decide: a hash collision or a pair across two quotes'
-- boundary is a harmless extra candidate. Kept by the trigger that keeps search_vector,
-- in the same row write.
-- -----------------------------------------------------------------------------
CREATE FUNCTION "claims_search_pairs"(v tsvector) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT hashtext(a.lexeme || ' ' || b.lexeme)), '{}')
  FROM (SELECT u.lexeme, unnest(u.positions) AS p FROM unnest(v) u) a
  JOIN (SELECT u.lexeme, unnest(u.positions) AS p FROM unnest(v) u) b ON b.p = a.p + 1
$$;

CREATE OR REPLACE FUNCTION "claims_refresh_search_vector"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT (TG_OP = 'INSERT' AND NEW."search_vector" IS NOT NULL
          AND current_setting('claimtrail.search_vector_given', true) = 'on') THEN
    NEW."search_vector" := "claims_search_vector"(NEW."statement", NEW."organizationId", NEW."id");
  END IF;
  NEW."search_pairs" := "claims_search_pairs"(NEW."search_vector");
  RETURN NEW;
END;
$$;

-- Existing claims. Their stored renders stay valid (the keys are not part of a claim's
-- JSON), so the render-generation trigger is kept out of this one write.
ALTER TABLE "claims" DISABLE TRIGGER "claims_render_gen";
UPDATE "claims" SET "search_pairs" = "claims_search_pairs"("search_vector");
ALTER TABLE "claims" ENABLE TRIGGER "claims_render_gen";

-- CreateIndex
CREATE INDEX "claims_search_pairs_idx" ON "claims" USING GIN ("search_pairs");
