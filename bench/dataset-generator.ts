import { Client } from "pg";
import { renderClaimsSql } from "../src/claims/claim-json";
import { eventHash, GENESIS_HASH } from "../src/events/event-log";
import { newId, sha256Hex } from "../src/lib/ids";
import { CopyWriter, pgTextArray } from "./copy-writer";
import { WORDS, FIRST_NAMES, LAST_NAMES, COUNTRIES, OUTLETS, CUES } from "./word-bank";

/** The claim_render_cache migration's triggers, set aside during COPY (the claims gen trigger also, for the search-vector UPDATE). */
const RENDER_TRIGGERS = [
  ["claims", "claims_render_gen"],
  ...["claim_appearances", "attribution_links", "verdicts", "evidence_items"].flatMap((t) => ["ins", "upd", "del"].map((op) => [t, `${t}_render_${op}`])),
] as const;

/** Stores the render of every claim as the service's read path would (same SQL), in chunks on `workers` connections. */
export async function storeRenders(url: string, org: string, claimIds: string[], workers: number): Promise<number> {
  const sql = `INSERT INTO claim_renders ("organizationId", "claimId", gen, epoch, json)
               SELECT $1::uuid, id, gen, epoch, json FROM (${renderClaimsSql(`c."organizationId" = $1::uuid AND c.id = ANY($2::uuid[])`)}) r`;
  const chunk = 20_000;
  let next = 0;
  let stored = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        while (next < claimIds.length) {
          const ids = claimIds.slice(next, (next += chunk));
          const r = await c.query(sql, [org, ids]);
          stored += r.rowCount ?? 0;
        }
      } finally {
        await c.end();
      }
    }),
  );
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(`VACUUM ANALYZE claim_renders`);
  await c.end();
  return stored;
}

/** Deterministic PRNG (mulberry32) so two runs with the same N load the same shape of data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  url: string;
  organizationId: string;
  reviewerKeyId: string;
  claims: number;
  log: (msg: string) => void;
}

export interface Dataset {
  claimIds: string[];
  /** Claims not yet published: a verdict PUT on them needs no correction note. */
  editableIds: string[];
  speakerIds: string[];
  /** Article id, revision number, exact quote and offsets that POST /v1/claims can anchor to. */
  anchors: Array<{ articleId: string; exact: string; start: number; end: number }>;
  personIds: string[];
  publicationIds: string[];
  rows: Record<string, number>;
  seconds: number;
  phases: Record<string, number>;
}

const STATUSES = ["new", "new", "in_review", "in_review", "ready", "published"] as const;
const KINDS = ["statement", "statistic", "quote", "denial", "accusation", "promise", "prediction", "opinion"] as const;
const ACTS = ["asserts", "denies", "accuses", "characterises", "promises", "predicts"] as const;

export async function generateDataset(o: GenerateOptions): Promise<Dataset> {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const sentence = (n: number): string => {
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(pick(WORDS));
    const s = w.join(" ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  };
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  const client = new Client({ connectionString: o.url });
  // A failed COPY in psql ends the run with its own message; don't die of an unhandled pg 'error' first.
  client.on("error", () => undefined);
  await client.connect();
  const org = o.organizationId;
  const now = Date.now();
  const rows: Record<string, number> = {};

  // Bulk load: the per-row search_vector triggers and the GIN indexes are set aside and
  // rebuilt once afterwards (one UPDATE + CREATE INDEX is far cheaper than 1M trigger calls).
  await client.query(`ALTER TABLE claims DISABLE TRIGGER "claims_search_vector_refresh"`);
  await client.query(`ALTER TABLE claim_appearances DISABLE TRIGGER "claim_appearances_claim_search_refresh"`);
  // The render triggers too: no claim has a stored render yet, and the renders are stored at the end.
  for (const [table, trigger] of RENDER_TRIGGERS) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER "${trigger}"`);
  await client.query(`DROP INDEX IF EXISTS "claims_search_vector_idx"`);
  await client.query(`DROP INDEX IF EXISTS "claims_statement_trgm_idx"`);
  await client.query(`DROP INDEX IF EXISTS "claims_search_pairs_idx"`);

  // Sources: people and governments speak, press offices relay, outlets publish.
  const nSources = Math.max(60, Math.min(20000, Math.round(o.claims / 50)));
  const personIds: string[] = [];
  const officeIds: string[] = [];
  const publicationIds: string[] = [];
  const sourceName = new Map<string, string>();
  const src = new CopyWriter(o.url, "sources", ["organizationId", "id", "name", "aliases", "searchText", "type", "country", "description", "version", "createdAt", "updatedAt"]);
  for (let i = 0; i < nSources; i++) {
    const id = newId();
    const roll = i % 10;
    let name: string;
    let aliases: string[];
    let type: string;
    if (roll < 6) {
      const first = pick(FIRST_NAMES);
      const last = pick(LAST_NAMES);
      name = `${first} ${last}`;
      aliases = [`${first.charAt(0)}. ${last}`, last];
      type = roll < 5 ? "person" : "government";
      if (type === "government") name = `Government of ${pick(COUNTRIES)} (${last})`;
      personIds.push(id);
    } else if (roll < 8) {
      name = `Press office of the ${pick(["Ministry of Health", "Ministry of Finance", "Interior Ministry", "City Hall", "Prime Minister", "Police"])} ${i}`;
      aliases = [`${name.split(" ").slice(-2).join(" ")} spokesperson`];
      type = "press_office";
      officeIds.push(id);
    } else {
      const outlet = pick(OUTLETS);
      name = `${outlet} ${i}`;
      aliases = [outlet.toLowerCase(), outlet.replace(/^The /, "")];
      type = "publication";
      publicationIds.push(id);
    }
    sourceName.set(id, name);
    const created = new Date(now - 800 * 86400_000).toISOString();
    await src.row([org, id, name, pgTextArray(aliases), [name, ...aliases].join(" ").toLowerCase(), type, pick(COUNTRIES), null, 1, created, created]);
  }
  rows.sources = await src.end();

  // Articles, one revision each, a dozen paragraphs of text.
  const nArticles = Math.max(20, Math.min(4000, Math.round(o.claims / 250)));
  const articles: Array<{ id: string; revisionId: string; text: string; sentences: Array<{ s: string; start: number }>; publisherId: string }> = [];
  const art = new CopyWriter(o.url, "articles", ["organizationId", "id", "url", "publisherId", "title", "language", "publishedAt", "latestRevision", "version", "createdAt", "updatedAt"]);
  const rev = new CopyWriter(o.url, "article_revisions", ["organizationId", "id", "articleId", "number", "text", "textHash", "createdAt"]);
  for (let i = 0; i < nArticles; i++) {
    const id = newId();
    const revisionId = newId();
    const publisherId = pick(publicationIds);
    const sentences: Array<{ s: string; start: number }> = [];
    let text = "";
    for (let p = 0; p < 12; p++) {
      for (let k = 0; k < 5; k++) {
        const s = `${sentence(10 + Math.floor(r() * 12))}.`;
        if (k > 0) text += " ";
        sentences.push({ s, start: text.length });
        text += s;
      }
      text += "\n\n";
    }
    const created = new Date(now - (800 - (i * 790) / nArticles) * 86400_000).toISOString();
    await art.row([org, id, `https://news.example/${i}/${id.slice(-8)}`, publisherId, sentence(8), "en", created, 1, 1, created, created]);
    await rev.row([org, revisionId, id, 1, text, sha256Hex(text), created]);
    articles.push({ id, revisionId, text, sentences, publisherId });
  }
  rows.articles = await art.end();
  rows.article_revisions = await rev.end();
  phases.sourcesAndArticles = (performance.now() - t0) / 1000;

  const labels = await client.query<{ id: string; key: string; kind: string }>(
    `SELECT l.id, l.key, s.kind::text AS kind FROM rating_labels l JOIN rating_scales s ON s."organizationId" = l."organizationId" AND s.id = l."scaleId" WHERE l."organizationId" = $1`,
    [org],
  );
  const contentLabels = labels.rows.filter((l) => l.kind === "content");
  const attributionLabels = labels.rows.filter((l) => l.kind === "attribution");
  const head = await client.query<{ seq: string; hash: string }>(`SELECT seq::text, hash FROM event_chain_heads WHERE "organizationId" = $1`, [org]);
  let seq = BigInt(head.rows[0]?.seq ?? "0");
  let prevHash = head.rows[0]?.hash ?? GENESIS_HASH;
  if (!head.rows[0]) await client.query(`INSERT INTO event_chain_heads ("organizationId", seq, hash) VALUES ($1, 0, $2)`, [org, GENESIS_HASH]);

  const claims = new CopyWriter(o.url, "claims", [
    "organizationId", "id", "statement", "kind", "fidelity", "status", "speakerSourceId", "attributionRatingKey", "contentRatingKey", "publishedAt", "version", "createdAt", "updatedAt",
  ]);
  const apps = new CopyWriter(o.url, "claim_appearances", ["organizationId", "id", "claimId", "articleId", "revisionId", "exact", "prefix", "suffix", "start", "end", "anchorStatus", "lastGoodRevisionId", "createdAt", "updatedAt"]);
  const links = new CopyWriter(o.url, "attribution_links", ["organizationId", "id", "claimId", "position", "sourceId", "role", "cue", "speechAct"]);
  const verdicts = new CopyWriter(o.url, "verdicts", ["organizationId", "id", "claimId", "kind", "ratingLabelId", "rationale", "reviewerType", "reviewerId", "version", "createdAt", "updatedAt"]);
  const events = new CopyWriter(o.url, "events", ["organizationId", "id", "seq", "occurredAt", "actorType", "actorId", "action", "entityType", "entityId", "claimId", "before", "after", "prevHash", "hash"]);
  const claimIds: string[] = [];
  const editableIds: string[] = [];
  const span = 730 * 86400_000;
  const t1 = performance.now();
  for (let i = 0; i < o.claims; i++) {
    const id = newId();
    claimIds.push(id);
    const a = articles[i % articles.length]!;
    const q = a.sentences[Math.floor(r() * a.sentences.length)]!;
    const speaker = pick(personIds);
    // Claims are created in time order: newest-first pages read the tail of the index.
    const created = new Date(now - span + Math.floor((i * span) / o.claims));
    const createdIso = created.toISOString();
    const status = pick(STATUSES);
    if (status !== "published") editableIds.push(id);
    const kind = pick(KINDS);
    const hasContent = status === "published" || r() < 0.3;
    const hasAttribution = status === "published" || r() < 0.2;
    const content = hasContent ? pick(contentLabels) : undefined;
    const attribution = hasAttribution ? pick(attributionLabels) : undefined;
    const statement = `${sourceName.get(speaker) ?? "Someone"} ${pick(CUES)} ${q.s.charAt(0).toLowerCase()}${q.s.slice(1)}`;
    await claims.row([org, id, statement, kind, r() < 0.6 ? "verbatim" : "paraphrase", status, speaker, attribution?.key ?? null, content?.key ?? null, status === "published" ? createdIso : null, 1, createdIso, createdIso]);
    await apps.row([org, newId(), id, a.id, a.revisionId, q.s, a.text.slice(Math.max(0, q.start - 32), q.start), a.text.slice(q.start + q.s.length, q.start + q.s.length + 32), q.start, q.start + q.s.length, "anchored", a.revisionId, createdIso, createdIso]);
    // Chains of 1–3 links: speaker → (press office) → (publisher).
    let pos = 0;
    await links.row([org, newId(), id, pos++, speaker, "speaker", null, pick(ACTS)]);
    if (r() < 0.35) await links.row([org, newId(), id, pos++, pick(officeIds), "intermediary", "according to", "reports"]);
    if (r() < 0.6) await links.row([org, newId(), id, pos++, a.publisherId, "publisher", null, "reports"]);
    for (const [vk, label] of [["content", content], ["attribution", attribution]] as const) {
      if (!label) continue;
      await verdicts.row([org, newId(), id, vk, label.id, "Checked against the primary record.", "api_key", o.reviewerKeyId, 1, createdIso, createdIso]);
    }
    // One hash-chained event per claim, computed with the service's own eventHash so audit verification still holds.
    seq += 1n;
    const ev = { id: newId(), seq, occurredAt: created, actorType: "api_key", actorId: o.reviewerKeyId, action: "claim.created", entityType: "claim", entityId: id, claimId: id, before: null, after: { id, statement, status } };
    const hash = eventHash(prevHash, ev);
    await events.row([org, ev.id, seq.toString(), createdIso, "api_key", o.reviewerKeyId, ev.action, "claim", id, id, null, JSON.stringify(ev.after), prevHash, hash]);
    prevHash = hash;
    if (i > 0 && i % 100_000 === 0) o.log(`  generated ${i} claims (${Math.round(i / ((performance.now() - t1) / 1000))}/s)`);
  }
  rows.claims = await claims.end();
  rows.claim_appearances = await apps.end();
  rows.attribution_links = await links.end();
  rows.verdicts = await verdicts.end();
  rows.events = await events.end();
  await client.query(`UPDATE event_chain_heads SET seq = $2, hash = $3 WHERE "organizationId" = $1`, [org, seq.toString(), prevHash]);
  phases.copyClaims = (performance.now() - t1) / 1000;

  const t2 = performance.now();
  // What the trigger computes (claims_refresh_search_vector): the vector and its phrase-pair keys.
  await client.query(
    `UPDATE claims c SET search_vector = x.v, search_pairs = claims_search_pairs(x.v)
     FROM (SELECT c2.id, setweight(to_tsvector('english', c2.statement), 'A') || setweight(to_tsvector('english', coalesce(a.exact, '')), 'B') AS v
           FROM claims c2 JOIN claim_appearances a ON a."organizationId" = c2."organizationId" AND a."claimId" = c2.id
           WHERE c2."organizationId" = $1) x
     WHERE c."organizationId" = $1 AND c.id = x.id`,
    [org],
  );
  await client.query(`ALTER TABLE claims ENABLE TRIGGER "claims_search_vector_refresh"`);
  await client.query(`ALTER TABLE claim_appearances ENABLE TRIGGER "claim_appearances_claim_search_refresh"`);
  for (const [table, trigger] of RENDER_TRIGGERS) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER "${trigger}"`);
  phases.searchVector = (performance.now() - t2) / 1000;
  const t3 = performance.now();
  await client.query(`CREATE INDEX "claims_search_vector_idx" ON "claims" USING GIN ("search_vector")`);
  await client.query(`CREATE INDEX "claims_statement_trgm_idx" ON "claims" USING GIN ("statement" gin_trgm_ops)`);
  await client.query(`CREATE INDEX "claims_search_pairs_idx" ON "claims" USING GIN ("search_pairs")`);
  phases.indexes = (performance.now() - t3) / 1000;
  const t4 = performance.now();
  await client.query(`VACUUM ANALYZE`);
  phases.analyze = (performance.now() - t4) / 1000;
  await client.end();

  // Every claim read once: its render stored (claim_renders), as in a service that has been
  // running, where a claim is rendered when first read after each change. Two connections, one per core.
  const t5 = performance.now();
  rows.claim_renders = await storeRenders(o.url, org, claimIds, 2);
  phases.renders = (performance.now() - t5) / 1000;

  const anchors = articles.map((a) => {
    const s = a.sentences[3]!;
    return { articleId: a.id, exact: s.s, start: s.start, end: s.start + s.s.length };
  });
  return { claimIds, editableIds, speakerIds: personIds, anchors, personIds, publicationIds, rows, seconds: (performance.now() - t0) / 1000, phases };
}
