import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Pool } from "pg";
import { RENDER_AND_STORE_SQL, STORED_CLAIMS_SQL } from "../src/claims/claim-json";
import type { CreateClaimInput } from "../src/claims/create-claim";
import { insertClaims } from "../src/claims/insert-claims";
import { rawTransaction } from "./raw-transaction";

/**
 * The baseline: a bare node:http + pg server running the service's own SQL for
 * GET /v1/claims/{id} (src/claims/claim-json.ts: the stored render if it is still valid,
 * else render and store in one statement, both prepared) and for POST /v1/claims (the
 * service's insertClaims, run on a bare pg connection through bench/raw-transaction.ts).
 * No express, no validation, no auth, no Prisma, no idempotency record: it is the floor the
 * service's overhead is measured against.
 * Run: tsx bench/baseline-server.ts <databaseUrl> <organizationId> <port>
 */
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
          const input = JSON.parse(await readBody(req)) as CreateClaimInput;
          const client = await pool.connect();
          try {
            await client.query("BEGIN");
            // The service's own statements (src/claims/insert-claims.ts: anchor and sources
            // checked, claim, appearance and links inserted, the claim read back, the
            // hash-chained event appended), on the bare connection.
            const [outcome] = await insertClaims(rawTransaction(client), { organizationId: org, actor: { type: "system", id: null }, claims: [{ line: 0, input }], revisions: new Map() });
            if (!outcome?.ok) throw outcome?.error ?? new Error("no outcome");
            await client.query("COMMIT");
            return send(res, 201, outcome.claim);
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
