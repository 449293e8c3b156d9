-- -----------------------------------------------------------------------------
-- lz4 for the large JSON and text values written and read on hot paths (hand-written).
--
-- claim_renders.json (about 3 KB a claim, read 50 at a time by every list and search page)
-- and events.before/after (a claim's JSON, written with every change and by every line of
-- a bulk import) are TOAST-compressed. PostgreSQL's default, pglz, compressed a stored
-- render in about 50 µs and decompressed it in about 16 µs on the benchmark machine; lz4
-- took about 10 µs and 9-12 µs for values about 7% larger. Values already stored keep
-- pglz (PostgreSQL reads both); new ones use lz4.
--
-- A server built without lz4 (and PGlite, the embedded database) refuses the setting with
-- feature_not_supported: the columns then keep pglz, and nothing else changes.
-- -----------------------------------------------------------------------------
DO $$
BEGIN
  ALTER TABLE "claim_renders" ALTER COLUMN "json" SET COMPRESSION lz4;
  ALTER TABLE "events" ALTER COLUMN "before" SET COMPRESSION lz4, ALTER COLUMN "after" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL; -- no lz4 in this build: the columns keep pglz
END;
$$;
