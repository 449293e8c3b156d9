import { readFileSync } from "node:fs";
import path from "node:path";
import type { Express } from "express";
import request from "supertest";
import type { TestOrg } from "./test-app";
import { attributionVerdict, auth, contentVerdict, ifMatch } from "./verification-fixtures";

/** Fixtures for ClaimReview out/in and the pre-publication check (src/claimreview, src/check). */

const dataDir = path.resolve(__dirname, "../..", "../shared/data/claimreview");

interface SchemaClass {
  ancestors: string[];
  own_properties: Array<{ name: string }>;
  inherited_property_names: Record<string, string[]>;
}

export function loadSchemaOrgClasses(): Record<string, SchemaClass> {
  return (JSON.parse(readFileSync(path.join(dataDir, "schemaorg-v30-claimreview-classes.json"), "utf8")) as { classes: Record<string, SchemaClass> }).classes;
}

export function loadGoogleRequirements(): Record<string, { required: Record<string, string>; recommended: Record<string, string> }> {
  return JSON.parse(readFileSync(path.join(dataDir, "google-claimreview-requirements.json"), "utf8")) as Record<string, { required: Record<string, string>; recommended: Record<string, string> }>;
}

/** Every property of every typed node, checked against schema.org 30.0 (own + inherited). Returns the violations. */
export function schemaViolations(node: unknown, classes: Record<string, SchemaClass>, at = "$"): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => schemaViolations(n, classes, `${at}[${i}]`));
  if (!node || typeof node !== "object") return [];
  const obj = node as Record<string, unknown>;
  const out: string[] = [];
  const type = obj["@type"];
  if (typeof type !== "string") out.push(`${at}: an object without @type`);
  else {
    const cls = classes[type];
    if (!cls) out.push(`${at}: unknown type ${type}`);
    else {
      const allowed = new Set([...cls.own_properties.map((p) => p.name), ...Object.values(cls.inherited_property_names).flat()]);
      for (const key of Object.keys(obj)) {
        if (key.startsWith("@")) {
          if (!["@type", "@context", "@id"].includes(key)) out.push(`${at}: keyword ${key}`);
        } else if (!allowed.has(key)) out.push(`${at}.${key}: not a property of ${type}`);
      }
    }
  }
  for (const [k, v] of Object.entries(obj)) if (!k.startsWith("@")) out.push(...schemaViolations(v, classes, `${at}.${k}`));
  return out;
}

export async function configureOrganization(app: Express, org: TestOrg, patch: Record<string, unknown>): Promise<void> {
  const got = await request(app).get("/v1/organization").set(auth(org.keys.admin)).expect(200);
  await request(app).patch("/v1/organization").set(auth(org.keys.admin)).set("If-Match", got.headers.etag as string).send(patch).expect(200);
}

/** Rates a claim through the verification API and publishes it (new → in_review → ready → published). */
export async function publishClaim(app: Express, org: TestOrg, claimId: string, ratings: { attribution?: string; content?: string } = {}): Promise<void> {
  let version = ((await request(app).get(`/v1/claims/${claimId}`).set(auth(org.keys.viewer)).expect(200)).body as { version: number }).version;
  const step = async (method: "put" | "post", url: string, key: string, body: object) => {
    const res = await request(app)[method](url).set(auth(key)).set(ifMatch(version)).send(body);
    if (res.status !== 200) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    version = (res.body as { version: number }).version;
  };
  await step("put", `/v1/claims/${claimId}/verdicts/attribution`, org.keys.fact_checker, attributionVerdict(ratings.attribution ? { rating: ratings.attribution } : {}));
  await step("put", `/v1/claims/${claimId}/verdicts/content`, org.keys.fact_checker, contentVerdict(ratings.content ? { rating: ratings.content } : {}));
  await step("post", `/v1/claims/${claimId}/transitions`, org.keys.fact_checker, { to: "in_review" });
  await step("post", `/v1/claims/${claimId}/transitions`, org.keys.fact_checker, { to: "ready" });
  await step("post", `/v1/claims/${claimId}/transitions`, org.keys.editor, { to: "published" });
}
