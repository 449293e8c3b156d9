import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Pool } from "pg";
import { RENDER_AND_STORE_SQL, STORED_CLAIMS_SQL } from "../src/claims/claim-json";
import { eventHash } from "../src/events/event-log";
import { newId } from "../src/lib/ids";

/**
 * The baseline: a bare node:http + pg server running the service's own SQL for
 * GET /v1/claims/{id} (src/claims/claim-json.ts: the stored render if it is still valid,
 * else render and store in one statement, both prepared) and, by hand-written SQL, what it
 * does for POST /v1/claims (claim, appearance, chain links and the hash-chained event in
 * one transaction). No validation, no auth, no idempotency record: it is the floor the
 * service's overhead is measured against.
 * Run: tsx bench/baseline-server.ts <databaseUrl> <organizationId> <port>
 */
interface CreateBody {
  statement: string;
  kind: string;
  fidelity: string;
  anchor: { articleId: string; exact: string; start: number; end: number };
  chain: Array<{ source: { id: string }; role: string; speechAct: string }>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const s = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(s) });
  res.end(s);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

export function startBaseline(url: string, org: string, port: number, poolMax = 10) {
  const pool = new Pool({ connectionString: url, max: poolMax });
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const m = /^\/v1\/claims(?:\/([0-9a-f-]{36}))?$/.exec(req.url ?? "");
        if (m?.[1] && req.method === "GET") {
          const stored = await pool.query<{ json: string | null }>({ name: "stored", text: STORED_CLAIMS_SQL, values: [org, [m[1]]] });
          if (!stored.rows[0]) return send(res, 404, { code: "not_found" });
          const json = stored.rows[0].json ?? (await pool.query<{ json: string }>({ name: "render", text: RENDER_AND_STORE_SQL, values: [org, [m[1]]] })).rows[0]?.json;
          res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json ?? "") });
          return res.end(json);
        }
        if (m && !m[1] && req.method === "POST") {
          const b = JSON.parse(await readBody(req)) as CreateBody;
          const client = await pool.connect();
          try {
            await client.query("BEGIN");
            const rev = await client.query<{ id: string; text: string }>(`SELECT r.id, r.text FROM articles a JOIN article_revisions r ON r."organizationId" = a."organizationId" AND r."articleId" = a.id AND r.number = a."latestRevision" WHERE a."organizationId" = $1 AND a.id = $2`, [org, b.anchor.articleId]);
            const revision = rev.rows[0];
            if (!revision) throw new Error("no article");
            const id = newId();
            const speaker = b.chain[0]?.source.id ?? null;
            await client.query(`INSERT INTO claims ("organizationId", id, statement, kind, fidelity, "speakerSourceId", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, now(), now())`, [org, id, b.statement, b.kind, b.fidelity, speaker]);
            const t = revision.text;
            await client.query(`INSERT INTO claim_appearances ("organizationId", id, "claimId", "articleId", "revisionId", exact, prefix, suffix, start, "end", "lastGoodRevisionId", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $5, now(), now())`, [
              org, newId(), id, b.anchor.articleId, revision.id, b.anchor.exact, t.slice(Math.max(0, b.anchor.start - 32), b.anchor.start), t.slice(b.anchor.end, b.anchor.end + 32), b.anchor.start, b.anchor.end,
            ]);
            for (const [i, l] of b.chain.entries()) {
              await client.query(`INSERT INTO attribution_links ("organizationId", id, "claimId", position, "sourceId", role, "speechAct") VALUES ($1, $2, $3, $4, $5, $6, $7)`, [org, newId(), id, i, l.source.id, l.role, l.speechAct]);
            }
            const head = await client.query<{ seq: string; hash: string }>(`SELECT seq::text, hash FROM event_chain_heads WHERE "organizationId" = $1 FOR UPDATE`, [org]);
            const h = head.rows[0];
            if (!h) throw new Error("no chain head");
            const ev = { id: newId(), seq: BigInt(h.seq) + 1n, occurredAt: new Date(Math.floor(Date.now())), actorType: "system", actorId: null, action: "claim.created", entityType: "claim", entityId: id, claimId: id, before: null, after: { id, statement: b.statement } };
            const hash = eventHash(h.hash, ev);
            await client.query(`INSERT INTO events ("organizationId", id, seq, "occurredAt", "actorType", "actorId", action, "entityType", "entityId", "claimId", after, "prevHash", hash) VALUES ($1, $2, $3, $4, 'system', NULL, $5, 'claim', $6, $6, $7, $8, $9)`, [
              org, ev.id, ev.seq.toString(), ev.occurredAt, ev.action, id, JSON.stringify(ev.after), h.hash, hash,
            ]);
            await client.query(`UPDATE event_chain_heads SET seq = $2, hash = $3 WHERE "organizationId" = $1`, [org, ev.seq.toString(), hash]);
            await client.query("COMMIT");
            return send(res, 201, { id });
          } catch (err) {
            await client.query("ROLLBACK").catch(() => undefined);
            throw err;
          } finally {
            client.release();
          }
        }
        send(res, 404, { code: "not_found" });
      } catch (err) {
        send(res, 500, { code: "internal", message: String(err) });
      }
    })();
  });
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const a = server.address();
      resolve({
        port: typeof a === "object" && a ? a.port : port,
        close: async () => {
          server.closeAllConnections();
          await new Promise((r) => server.close(r));
          await pool.end();
        },
      });
    });
  });
}

if (require.main === module) {
  const [url, org, port] = process.argv.slice(2);
  if (!url || !org) throw new Error("usage: tsx bench/baseline-server.ts <databaseUrl> <organizationId> [port]");
  void startBaseline(url, org, Number(port ?? 0)).then((s) => process.stdout.write(`${JSON.stringify({ msg: "baseline listening", port: s.port })}\n`));
}
