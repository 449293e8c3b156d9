// Checks seeds/seed.json against the article text it anchors into: every anchor and cue
// span must match the text exactly, every sourceKey / publisherKey must be a known source,
// and no key may be duplicated. Exits 1 with the list of problems otherwise.
//
//   npx tsx scripts/check-seed.ts [path/to/seed.json]
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { checkSeed } from "../seeds/validate-seed";

function main(): number {
  const seedPath = resolve(process.argv[2] ?? join(__dirname, "..", "seeds", "seed.json"));
  const raw = readFileSync(seedPath, "utf8");
  let textFile = "article.txt";
  try {
    const parsed: unknown = JSON.parse(raw);
    const tf = (parsed as { article?: { textFile?: unknown } }).article?.textFile;
    if (typeof tf === "string" && tf.length > 0) textFile = tf;
  } catch {
    // checkSeed reports the JSON error below.
  }
  const textPath = join(dirname(seedPath), textFile);
  const text = readFileSync(textPath, "utf8");

  const errors = checkSeed(raw, text);
  if (errors.length > 0) {
    console.error(`SEED CHECK FAILED: ${errors.length} problem(s) in ${seedPath} (text: ${textPath})`);
    for (const e of errors) console.error(`  - ${e}`);
    return 1;
  }
  const seed = JSON.parse(raw) as { sources: unknown[]; claims: { chain: unknown[] }[] };
  const links = seed.claims.reduce((n, c) => n + c.chain.length, 0);
  console.log(
    `seed OK: ${seed.sources.length} sources, ${seed.claims.length} claims, ${links} chain links; ` +
      `all spans match ${textPath} (${text.length} UTF-16 units)`,
  );
  return 0;
}

process.exitCode = main();
