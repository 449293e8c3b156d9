// npm run seed — loads the seed article and its claims into the default organization.
// Idempotent: a second run finds every record and changes nothing.
import { runCli } from "./cli-support";
import { ensureOrganization } from "../src/organizations/ensure-organization";
import { loadSeed } from "../src/seed/load-seed";
import { readSeed } from "../src/seed/seed-file";

void runCli("seed", async ({ config, db }) => {
  const org = await ensureOrganization(db.prisma, config.DEFAULT_ORG_SLUG);
  const { seed, text } = readSeed();
  const r = await loadSeed(db.prisma, org.id, seed, text);
  process.stdout.write(`Seed loaded into "${org.slug}": created ${r.created.sources} sources, ${r.created.articles} articles, ${r.created.claims} claims.\n`);
});
