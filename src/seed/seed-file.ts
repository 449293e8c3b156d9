import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const sourceSchema = z.strictObject({
  key: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  type: z.enum(["person", "organization", "government", "agency", "press_office", "publication", "document"]),
  wikidataId: z.string().regex(/^Q\d+$/).nullable(),
  country: z.string().length(2).nullable(),
  description: z.string(),
});

const claimSchema = z.strictObject({
  key: z.string().min(1),
  statement: z.string().min(1),
  kind: z.enum(["statement", "statistic", "quote", "denial", "accusation", "promise", "prediction", "opinion"]),
  fidelity: z.enum(["verbatim", "paraphrase", "translation"]),
  anchor: z.strictObject({ exact: z.string().min(1), start: z.number().int().min(0), end: z.number().int().min(1) }),
  chain: z
    .array(
      z.strictObject({
        sourceKey: z.string().min(1),
        role: z.enum(["speaker", "intermediary", "publisher"]),
        cue: z.string().nullable(),
        cueStart: z.number().int().min(0).nullable(),
        cueEnd: z.number().int().min(1).nullable(),
        speechAct: z.enum(["asserts", "denies", "accuses", "characterises", "reports", "promises", "predicts"]),
      }),
    )
    .min(1),
});

export const seedFileSchema = z.strictObject({
  organization: z.strictObject({ slug: z.string().min(1), name: z.string().min(1) }),
  sources: z.array(sourceSchema).min(1),
  article: z.strictObject({
    key: z.string().min(1),
    externalId: z.string().min(1),
    url: z.url(),
    title: z.string().min(1),
    language: z.string().min(2),
    publishedAt: z.iso.datetime({ offset: true }),
    publisherKey: z.string().min(1),
    textFile: z.string().min(1),
  }),
  claims: z.array(claimSchema).min(1),
});

export type SeedFile = z.infer<typeof seedFileSchema>;

export const defaultSeedDir = (): string => {
  // src/seed (tsx) or dist/src/seed (compiled): seeds/ sits at the project root.
  for (const up of ["../..", "../../.."]) {
    const dir = path.resolve(__dirname, up, "seeds");
    try {
      readFileSync(path.join(dir, "seed.json"));
      return dir;
    } catch {
      // try the next layout
    }
  }
  return path.resolve(process.cwd(), "seeds");
};

export function readSeed(dir: string = defaultSeedDir()): { seed: SeedFile; text: string } {
  const seed = seedFileSchema.parse(JSON.parse(readFileSync(path.join(dir, "seed.json"), "utf8")));
  const text = readFileSync(path.join(dir, seed.article.textFile), "utf8");
  return { seed, text };
}
