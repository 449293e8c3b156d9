import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import type { Dataset } from "./dataset-generator";

export interface WorkloadResult {
  name: string;
  target: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  conflicts412: number;
  statusCounts: Record<string, number>;
  peakRssMb: number | null;
  loadavg: number[];
}

export interface Tracking {
  createdIds: string[];
  /** claim id → highest acknowledged version and the rating written with it. */
  verdictWins: Map<string, { version: number; rating: string }>;
}

const SEARCH_TERMS = ["hospital waiting", "unemployment", "\"carbon tax\"", "inflation OR recession", "vaccine -pandemic", "housing prices", "strike union"];
const RATINGS = ["true", "mostly_true", "half_true", "mostly_false", "false"];
const STATUSES = ["new", "in_review", "ready", "published"];
const VERDICTS = ["true", "false", "half_true", "misleading"];

export function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN) * 10) / 10;
}

type Ctx = Record<string, unknown>;
type Req = { method?: string; path?: string; body?: string; headers?: Record<string, string> };
const pickOf = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

export function makeRequests(kind: string, ds: Dataset, key: string, track: Tracking) {
  // Copied into every request: autocannon writes Content-Length into the headers object it
  // is given, and a shared one made later GETs announce a body they never sent (the
  // connection then stalled until autocannon's timeout: the "errors" of earlier mixed runs).
  const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const read = () => ({ method: "GET", path: `/v1/claims/${pickOf(ds.claimIds)}`, headers: { ...auth } });
  const list = () => {
    const r = Math.random();
    const qs = r < 0.33 ? `status=${pickOf(STATUSES)}` : r < 0.66 ? `contentVerdict=${pickOf(VERDICTS)}&status=published` : `speaker=${pickOf(ds.speakerIds)}`;
    return { method: "GET", path: `/v1/claims?${qs}&limit=50`, headers: { ...auth } };
  };
  const search = () => ({ method: "GET", path: `/v1/claims?q=${encodeURIComponent(pickOf(SEARCH_TERMS))}&limit=20`, headers: { ...auth } });
  const create = () => {
    const a = pickOf(ds.anchors);
    const chain = [{ source: { id: pickOf(ds.personIds) }, role: "speaker", speechAct: "asserts" }, { source: { id: pickOf(ds.publicationIds) }, role: "publisher", speechAct: "reports" }];
    return { method: "POST", path: "/v1/claims", headers: { ...auth }, body: JSON.stringify({ statement: `Bench claim: ${a.exact}`, kind: "statement", fidelity: "verbatim", anchor: a, chain }) };
  };
  const onCreate = (status: number, body: string) => {
    if (status === 201 || status === 200) {
      try {
        const id = (JSON.parse(body) as { id?: string }).id;
        if (id) track.createdIds.push(id);
      } catch {
        /* counted as acknowledged but unreadable: the row check will show it */
      }
    }
  };
  // Verdict update: GET the claim (its ETag), then PUT with If-Match. Hot set of 200 claims so conflicts happen.
  const hot = ds.editableIds.slice(-200);
  const getForUpdate = {
    setupRequest: (req: Req, ctx: Ctx) => {
      ctx.claimId = pickOf(hot);
      return { ...req, method: "GET", path: `/v1/claims/${String(ctx.claimId)}`, headers: { ...auth } };
    },
    onResponse: (_s: number, _b: string, ctx: Ctx, headers?: Record<string, string | string[]>) => {
      const h = headers ?? {};
      const etag = h.etag ?? h.ETag;
      ctx.etag = Array.isArray(etag) ? etag[0] : etag;
    },
  };
  const put = {
    setupRequest: (req: Req, ctx: Ctx) => {
      ctx.rating = pickOf(RATINGS);
      return { ...req, method: "PUT", path: `/v1/claims/${String(ctx.claimId)}/verdicts/content`, headers: { ...auth, "if-match": String(ctx.etag ?? "") }, body: JSON.stringify({ rating: ctx.rating, rationale: "bench", evidence: [] }) };
    },
    onResponse: (status: number, body: string, ctx: Ctx) => {
      if (status !== 200) return;
      const version = (JSON.parse(body) as { version?: number }).version ?? 0;
      const id = String(ctx.claimId);
      const prev = track.verdictWins.get(id);
      if (!prev || version > prev.version) track.verdictWins.set(id, { version, rating: String(ctx.rating) });
    },
  };
  switch (kind) {
    case "read":
      return [{ setupRequest: (r: Req) => ({ ...r, ...read() }) }];
    case "list":
      return [{ setupRequest: (r: Req) => ({ ...r, ...list() }) }];
    case "search":
      return [{ setupRequest: (r: Req) => ({ ...r, ...search() }) }];
    case "search-relevance":
      // Best match first ranks every match: shown apart, it is not the default order.
      return [{ setupRequest: (r: Req) => ({ ...r, ...search(), path: `${search().path}&sort=relevance` }) }];
    case "create":
      return [{ setupRequest: (r: Req) => ({ ...r, ...create() }), onResponse: onCreate }];
    case "verdict":
      return [getForUpdate, put];
    case "mixed": {
      // 70% reads (a hot claim, which also learns its ETag, or a list or
      // search page), 20% verdict PUTs with the last ETag seen for that claim (a stale one
      // is a realistic 412), 10% creates.
      const etags = new Map<string, string>();
      return [
        {
          setupRequest: (r: Req, ctx: Ctx) => {
            const x = Math.random();
            const claimId = pickOf(hot);
            const etag = etags.get(claimId);
            if (x < 0.2 && etag) {
              ctx.op = "put";
              ctx.claimId = claimId;
              ctx.etag = etag;
              return put.setupRequest(r, ctx);
            }
            if (x >= 0.2 && x < 0.3) {
              ctx.op = "create";
              return { ...r, ...create() };
            }
            if (x < 0.5) {
              ctx.op = "get";
              ctx.claimId = claimId;
              return { ...r, method: "GET", path: `/v1/claims/${claimId}`, headers: { ...auth }, body: undefined };
            }
            ctx.op = "read";
            return { ...r, ...(Math.random() < 0.5 ? list() : search()), body: undefined };
          },
          onResponse: (s: number, b: string, ctx: Ctx, headers?: Record<string, string | string[]>) => {
            if (ctx.op === "put") {
              put.onResponse(s, b, ctx);
              if (s === 200) etags.set(String(ctx.claimId), `"${(JSON.parse(b) as { version?: number }).version ?? 0}"`);
            } else if (ctx.op === "create") onCreate(s, b);
            else if (ctx.op === "get" && s === 200) {
              const etag = headers?.etag ?? headers?.ETag;
              if (etag) etags.set(String(ctx.claimId), Array.isArray(etag) ? etag[0]! : etag);
            }
          },
        },
      ];
    }
    default:
      throw new Error(`unknown workload ${kind}`);
  }
}

export async function runWorkload(opts: {
  name: string;
  target: string;
  url: string;
  kind: string;
  ds: Dataset;
  key: string;
  track: Tracking;
  seconds: number;
  connections: number;
  pid?: number;
}): Promise<WorkloadResult> {
  const statusCounts: Record<string, number> = {};
  const requests = makeRequests(opts.kind, opts.ds, opts.key, opts.track);
  let finish: (r: autocannon.Result) => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    // autocannon's types lag its runtime (headers on onResponse); the shapes above match its docs.
    requests: requests as unknown as autocannon.Request[],
  }, (err, result) => (err ? fail(err) : finish(result)));
  // Our own latency record: autocannon's summary has no p95.
  const latencies: number[] = [];
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
    latencies.push(ms);
  });
  const res = await done;
  const total = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const conflicts412 = statusCounts["412"] ?? 0;
  const ok = Object.entries(statusCounts).filter(([s]) => s.startsWith("2")).reduce((a, [, n]) => a + n, 0);
  return {
    name: opts.name,
    target: opts.target,
    rps: Math.round(total / opts.seconds),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: total,
    errors: total - ok - conflicts412 + res.errors + res.timeouts,
    conflicts412,
    statusCounts,
    peakRssMb: peakRssMb(opts.pid),
    loadavg: (await import("node:os")).loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
