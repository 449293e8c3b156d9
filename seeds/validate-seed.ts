// Pure validation of the hand-recorded seed data (seeds/seed.json + the article text it
// anchors into). No I/O here: scripts/check-seed.ts and tests/seed/seed-data.test.ts read
// the files and call checkSeed(), which returns a list of human-readable problems
// (empty when the seed is sound).
//
// Offsets are UTF-16 code units, as JavaScript strings count them (text.slice(start, end)),
// which is also what the ClaimAppearance / AttributionLink columns store.
//
// Conventions the seed follows and this module enforces:
// - chain[0] is the original speaker; intermediaries follow; the publisher (the outlet
//   that published the article) is last. A claim stated in the outlet's own voice has a
//   one-link chain: the outlet as speaker.
// - the last link of every chain is the article's publisher.
// - a link's cue is the verb group as written in the article (from the first auxiliary to
//   the main verb, e.g. "has criticized", "has nevertheless denied"); cue, cueStart and
//   cueEnd are all null or all set, and publisher links carry no cue.
// - the anchor is the claim's content span; it never overlaps a cue span.

export const SOURCE_TYPES = ["person", "organization", "government", "agency", "press_office", "publication", "document"] as const;
export const CLAIM_KINDS = ["statement", "statistic", "quote", "denial", "accusation", "promise", "prediction", "opinion"] as const;
export const FIDELITIES = ["verbatim", "paraphrase", "translation"] as const;
export const CHAIN_ROLES = ["speaker", "intermediary", "publisher"] as const;
export const SPEECH_ACTS = ["asserts", "denies", "accuses", "characterises", "reports", "promises", "predicts"] as const;

export type SourceType = (typeof SOURCE_TYPES)[number];
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export type Fidelity = (typeof FIDELITIES)[number];
export type ChainRole = (typeof CHAIN_ROLES)[number];
export type SpeechAct = (typeof SPEECH_ACTS)[number];

export interface SeedSource {
  key: string;
  name: string;
  aliases: string[];
  type: SourceType;
  wikidataId: string | null;
  country: string | null;
  description: string;
}

export interface SeedArticle {
  key: string;
  externalId: string;
  url: string;
  title: string;
  language: string;
  publishedAt: string;
  publisherKey: string;
  textFile: string;
}

export interface SeedLink {
  sourceKey: string;
  role: ChainRole;
  cue: string | null;
  cueStart: number | null;
  cueEnd: number | null;
  speechAct: SpeechAct;
}

export interface SeedClaim {
  key: string;
  statement: string;
  kind: ClaimKind;
  fidelity: Fidelity;
  anchor: { exact: string; start: number; end: number };
  chain: SeedLink[];
}

export interface Seed {
  organization: { slug: string; name: string };
  sources: SeedSource[];
  article: SeedArticle;
  claims: SeedClaim[];
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const WIKIDATA = /^Q[1-9][0-9]*$/;
const COUNTRY = /^[A-Z]{2}$/;
const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function isNonEmptyString(v: unknown): v is string {
  return typeof v === "string" && v.trim().length > 0;
}
function isOffset(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0;
}
function oneOf<T extends string>(values: readonly T[], v: unknown): v is T {
  return typeof v === "string" && (values as readonly string[]).includes(v);
}
function show(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}
function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Reports members missing from, or unknown to, an object (catches typos such as "cuestart"). */
function checkFields(errors: string[], where: string, o: Obj, fields: readonly string[]): void {
  for (const f of fields) if (!(f in o)) errors.push(`${where}: missing field "${f}"`);
  for (const f of Object.keys(o)) if (!fields.includes(f)) errors.push(`${where}: unknown field "${f}"`);
}

/**
 * Checks that [start, end) is a well-formed span of `text` whose content is `exact`.
 * Returns true when it is.
 */
function checkSpan(errors: string[], where: string, text: string, exact: unknown, start: unknown, end: unknown): boolean {
  if (!isNonEmptyString(exact)) {
    errors.push(`${where}: text must be a non-empty string, got ${show(exact)}`);
    return false;
  }
  if (!isOffset(start) || !isOffset(end)) {
    errors.push(`${where}: offsets must be non-negative integers, got ${show(start)}..${show(end)}`);
    return false;
  }
  if (start >= end || end > text.length) {
    errors.push(`${where}: offsets ${start}..${end} out of range for a text of ${text.length} UTF-16 units`);
    return false;
  }
  const actual = text.slice(start, end);
  if (actual !== exact) {
    const at = text.indexOf(exact);
    const hint = at >= 0 ? ` (the text occurs at ${at}..${at + exact.length})` : " (the text does not occur in the article)";
    errors.push(`${where}: text.slice(${start}, ${end}) is ${show(actual)}, expected ${show(exact)}${hint}`);
    return false;
  }
  if (exact !== exact.trim()) errors.push(`${where}: span has leading or trailing whitespace: ${show(exact)}`);
  if (isLowSurrogate(text.charCodeAt(start)) || isHighSurrogate(text.charCodeAt(end - 1))) {
    errors.push(`${where}: span ${start}..${end} splits a surrogate pair`);
  }
  return true;
}

/**
 * Lists object members that occur twice in the same JSON object ("$.claims[3].anchor.start").
 * JSON.parse silently keeps the last one, which would hide a hand-editing mistake.
 * Assumes `raw` is valid JSON (call it after JSON.parse succeeded).
 */
export function findDuplicateJsonMembers(raw: string): string[] {
  const dups: string[] = [];
  let i = 0;
  const ws = (): void => {
    while (i < raw.length && " \t\n\r".includes(raw[i] as string)) i++;
  };
  const str = (): string => {
    const start = i++;
    while (raw[i] !== '"') i += raw[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(raw.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    const c = raw[i];
    if (c === "{") {
      i++;
      const seen = new Set<string>();
      ws();
      if (raw[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        const key = str();
        const member = `${path}.${key}`;
        if (seen.has(key)) dups.push(member);
        seen.add(key);
        ws();
        i++; // ':'
        value(member);
        ws();
        if (raw[i++] === "}") return; // otherwise ','
      }
    } else if (c === "[") {
      i++;
      ws();
      if (raw[i] === "]") {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`);
        ws();
        if (raw[i++] === "]") return; // otherwise ','
      }
    } else if (c === '"') {
      str();
    } else {
      while (i < raw.length && !",]} \t\n\r".includes(raw[i] as string)) i++;
    }
  };
  value("$");
  return dups;
}

/** Validates an already-parsed seed against the article text. Returns the problems found. */
export function validateSeed(seed: unknown, text: string): string[] {
  const errors: string[] = [];
  if (!isObj(seed)) return ["seed: must be a JSON object"];
  checkFields(errors, "seed", seed, ["organization", "sources", "article", "claims"]);

  // Organization.
  const org = seed.organization;
  if (!isObj(org)) errors.push("organization: must be an object");
  else {
    checkFields(errors, "organization", org, ["slug", "name"]);
    if (typeof org.slug !== "string" || !KEBAB.test(org.slug)) errors.push(`organization.slug: must be kebab-case, got ${show(org.slug)}`);
    if (!isNonEmptyString(org.name)) errors.push("organization.name: must be a non-empty string");
  }

  // Sources.
  const sourceTypes = new Map<string, unknown>();
  const nameOwners = new Map<string, string>(); // lower-cased name or alias -> source key
  if (!Array.isArray(seed.sources) || seed.sources.length === 0) errors.push("sources: must be a non-empty array");
  else {
    seed.sources.forEach((s: unknown, n: number) => {
      const where = `sources[${n}]`;
      if (!isObj(s)) {
        errors.push(`${where}: must be an object`);
        return;
      }
      const key = typeof s.key === "string" ? s.key : "";
      const w = key ? `source "${key}"` : where;
      checkFields(errors, w, s, ["key", "name", "aliases", "type", "wikidataId", "country", "description"]);
      if (!KEBAB.test(key)) errors.push(`${w}: key must be kebab-case, got ${show(s.key)}`);
      else if (sourceTypes.has(key)) errors.push(`${w}: duplicate source key`);
      else sourceTypes.set(key, s.type);
      if (!isNonEmptyString(s.name)) errors.push(`${w}: name must be a non-empty string`);
      if (!oneOf(SOURCE_TYPES, s.type)) errors.push(`${w}: unknown type ${show(s.type)}`);
      if (s.wikidataId !== null && (typeof s.wikidataId !== "string" || !WIKIDATA.test(s.wikidataId))) {
        errors.push(`${w}: wikidataId must be null or Q<digits>, got ${show(s.wikidataId)}`);
      }
      if (s.country !== null && (typeof s.country !== "string" || !COUNTRY.test(s.country))) {
        errors.push(`${w}: country must be null or an ISO 3166-1 alpha-2 code, got ${show(s.country)}`);
      }
      if (!isNonEmptyString(s.description)) errors.push(`${w}: description must be a non-empty string`);
      if (!Array.isArray(s.aliases)) errors.push(`${w}: aliases must be an array`);
      else {
        const names = [s.name, ...s.aliases];
        const own = new Set<string>();
        names.forEach((a: unknown, k: number) => {
          if (!isNonEmptyString(a) || a !== a.trim()) {
            if (k > 0) errors.push(`${w}: alias ${show(a)} must be a non-empty, trimmed string`);
            return;
          }
          const low = a.toLowerCase();
          if (own.has(low)) errors.push(`${w}: alias ${show(a)} repeats its name or another alias`);
          own.add(low);
          const owner = nameOwners.get(low);
          if (owner !== undefined && owner !== key) errors.push(`${w}: name/alias ${show(a)} is also used by source "${owner}"`);
          else nameOwners.set(low, key);
        });
      }
    });
  }

  // Article.
  let publisherKey: string | null = null;
  const a = seed.article;
  if (!isObj(a)) errors.push("article: must be an object");
  else {
    checkFields(errors, "article", a, ["key", "externalId", "url", "title", "language", "publishedAt", "publisherKey", "textFile"]);
    if (typeof a.key !== "string" || !KEBAB.test(a.key)) errors.push(`article.key: must be kebab-case, got ${show(a.key)}`);
    for (const f of ["externalId", "title", "textFile"] as const) {
      if (!isNonEmptyString(a[f])) errors.push(`article.${f}: must be a non-empty string`);
    }
    if (typeof a.textFile === "string" && (/[\\/]/.test(a.textFile) || a.textFile.startsWith("."))) {
      errors.push(`article.textFile: must be a plain file name next to seed.json, got ${show(a.textFile)}`);
    }
    let url: URL | null = null;
    try {
      url = typeof a.url === "string" ? new URL(a.url) : null;
    } catch {
      url = null;
    }
    if (url === null || (url.protocol !== "https:" && url.protocol !== "http:")) errors.push(`article.url: must be an http(s) URL, got ${show(a.url)}`);
    if (typeof a.language !== "string" || !LANGUAGE.test(a.language)) errors.push(`article.language: must be a BCP 47 tag, got ${show(a.language)}`);
    if (typeof a.publishedAt !== "string" || !ISO_DATETIME.test(a.publishedAt) || Number.isNaN(Date.parse(a.publishedAt))) {
      errors.push(`article.publishedAt: must be an ISO-8601 date-time with a time zone, got ${show(a.publishedAt)}`);
    }
    if (typeof a.publisherKey !== "string" || !sourceTypes.has(a.publisherKey)) {
      errors.push(`article.publisherKey: unknown source ${show(a.publisherKey)}`);
    } else {
      publisherKey = a.publisherKey;
      if (sourceTypes.get(a.publisherKey) !== "publication") errors.push(`article.publisherKey: source "${a.publisherKey}" is not of type "publication"`);
    }
  }

  // Claims.
  const claimKeys = new Set<string>();
  const anchorSpans = new Map<string, string>(); // "start..end" -> claim key
  if (!Array.isArray(seed.claims) || seed.claims.length === 0) errors.push("claims: must be a non-empty array");
  else {
    seed.claims.forEach((c: unknown, n: number) => {
      const where = `claims[${n}]`;
      if (!isObj(c)) {
        errors.push(`${where}: must be an object`);
        return;
      }
      const key = typeof c.key === "string" ? c.key : "";
      const w = key ? `claim "${key}"` : where;
      checkFields(errors, w, c, ["key", "statement", "kind", "fidelity", "anchor", "chain"]);
      if (!KEBAB.test(key)) errors.push(`${w}: key must be kebab-case, got ${show(c.key)}`);
      else if (claimKeys.has(key)) errors.push(`${w}: duplicate claim key`);
      else claimKeys.add(key);
      if (!isNonEmptyString(c.statement) || /[\r\n]/.test(c.statement)) errors.push(`${w}: statement must be a non-empty, single-line string`);
      if (!oneOf(CLAIM_KINDS, c.kind)) errors.push(`${w}: unknown kind ${show(c.kind)}`);
      if (!oneOf(FIDELITIES, c.fidelity)) errors.push(`${w}: unknown fidelity ${show(c.fidelity)}`);
      if (c.kind === "quote" && c.fidelity === "paraphrase") errors.push(`${w}: a quote cannot have fidelity "paraphrase"`);

      let anchor: { start: number; end: number } | null = null;
      if (!isObj(c.anchor)) errors.push(`${w}: anchor must be an object`);
      else {
        checkFields(errors, `${w} anchor`, c.anchor, ["exact", "start", "end"]);
        if (checkSpan(errors, `${w} anchor`, text, c.anchor.exact, c.anchor.start, c.anchor.end)) {
          anchor = { start: c.anchor.start as number, end: c.anchor.end as number };
          const spanKey = `${anchor.start}..${anchor.end}`;
          const other = anchorSpans.get(spanKey);
          if (other !== undefined) errors.push(`${w}: anchor ${spanKey} is the same span as claim "${other}"`);
          else anchorSpans.set(spanKey, key);
        }
      }

      if (!Array.isArray(c.chain) || c.chain.length === 0) {
        errors.push(`${w}: chain must be a non-empty array`);
        return;
      }
      const chain = c.chain as unknown[];
      const seenSources = new Set<string>();
      chain.forEach((l: unknown, p: number) => {
        const lw = `${w} chain[${p}]`;
        if (!isObj(l)) {
          errors.push(`${lw}: must be an object`);
          return;
        }
        checkFields(errors, lw, l, ["sourceKey", "role", "cue", "cueStart", "cueEnd", "speechAct"]);
        if (typeof l.sourceKey !== "string" || !sourceTypes.has(l.sourceKey)) errors.push(`${lw}: unknown sourceKey ${show(l.sourceKey)}`);
        else if (seenSources.has(l.sourceKey)) errors.push(`${lw}: source "${l.sourceKey}" appears twice in the chain`);
        else seenSources.add(l.sourceKey);
        if (!oneOf(SPEECH_ACTS, l.speechAct)) errors.push(`${lw}: unknown speechAct ${show(l.speechAct)}`);
        if (!oneOf(CHAIN_ROLES, l.role)) errors.push(`${lw}: unknown role ${show(l.role)}`);
        else {
          const last = p === chain.length - 1;
          if (p === 0 && l.role !== "speaker") errors.push(`${lw}: position 0 must be the speaker, got ${show(l.role)}`);
          if (p > 0 && l.role === "speaker") errors.push(`${lw}: only position 0 may be the speaker`);
          if (l.role === "publisher" && !last) errors.push(`${lw}: the publisher must be the last link`);
          if (last && p > 0 && l.role !== "publisher") errors.push(`${lw}: the last link of a multi-link chain must be the publisher`);
          if (last && publisherKey !== null && l.sourceKey !== publisherKey) {
            errors.push(`${lw}: the last link must be the article's publisher "${publisherKey}", got ${show(l.sourceKey)}`);
          }
        }

        const cueFields = [l.cue, l.cueStart, l.cueEnd];
        if (cueFields.every((v) => v === null)) return;
        if (cueFields.some((v) => v === null)) {
          errors.push(`${lw}: cue, cueStart and cueEnd must be all null or all set, got ${show(l.cue)} ${show(l.cueStart)}..${show(l.cueEnd)}`);
          return;
        }
        if (l.role === "publisher") errors.push(`${lw}: a publisher link carries no cue`);
        if (checkSpan(errors, `${lw} cue`, text, l.cue, l.cueStart, l.cueEnd) && anchor !== null) {
          const cs = l.cueStart as number;
          const ce = l.cueEnd as number;
          if (cs < anchor.end && anchor.start < ce) errors.push(`${lw}: cue ${cs}..${ce} overlaps the anchor ${anchor.start}..${anchor.end}`);
        }
      });
    });
  }
  return errors;
}

/** Parses raw seed.json text and validates it against the article text. */
export function checkSeed(rawJson: string, text: string): string[] {
  let seed: unknown;
  try {
    seed = JSON.parse(rawJson);
  } catch (e) {
    return [`seed.json: invalid JSON: ${(e as Error).message}`];
  }
  const dups = findDuplicateJsonMembers(rawJson).map((m) => `seed.json: member ${m} is duplicated (JSON.parse keeps only the last)`);
  return [...dups, ...validateSeed(seed, text)];
}
