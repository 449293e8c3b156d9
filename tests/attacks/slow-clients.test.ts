import { mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startServerProcess, type ServerProcess } from "../support/server-process";

// A real process: node's own HTTP server enforces these limits, not express.
jest.setTimeout(200_000);

const HEADERS_TIMEOUT_MS = 1500;
const REQUEST_TIMEOUT_MS = 3000;
// An admin key so the slow body is read (an unknown key would be refused before the body).
const ADMIN_KEY = `slow-clients-${Date.now()}-0123456789abcdef`;
let s: ServerProcess;

beforeAll(async () => {
  s = await startServerProcess(
    {
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "ct-slow-")),
    SEED_ON_START: "false",
    BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    },
    // A first start on an empty embedded directory runs the migrations: slow on a busy machine.
    150_000,
  );
});
afterAll(() => s?.stop());

/** Writes `chunks` one by one with a pause; resolves with what the server sent and when it closed. */
function trickle(first: string, chunks: string[], pauseMs: number): Promise<{ response: string; closedAfterMs: number; sentAll: boolean }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(s.port, "127.0.0.1");
    let response = "";
    let closed = false;
    let i = 0;
    socket.on("data", (d) => (response += d.toString()));
    socket.on("error", () => undefined); // a reset is an acceptable way to be told off
    socket.on("close", () => {
      closed = true;
      resolve({ response, closedAfterMs: Date.now() - started, sentAll: i >= chunks.length });
    });
    socket.on("connect", () => {
      socket.write(first);
      const tick = () => {
        if (closed) return;
        if (i >= chunks.length) return; // wait for the server to act
        socket.write(chunks[i++]!);
        setTimeout(tick, pauseMs);
      };
      setTimeout(tick, pauseMs);
    });
    setTimeout(() => {
      if (!closed) {
        socket.destroy();
        reject(new Error(`the server kept a slow client for ${Date.now() - started} ms`));
      }
    }, 30_000);
  });
}

describe("slow clients and big headers against the real service", () => {
  it("closes a connection whose headers arrive byte by byte once the headers timeout passes", async () => {
    const header = "X-Slow: " + "a".repeat(200) + "\r\n\r\n";
    const r = await trickle("GET /healthz HTTP/1.1\r\nHost: localhost\r\n", header.split(""), 50);
    expect(r.sentAll).toBe(false);
    expect(r.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 2500);
    if (r.response) expect(r.response).toMatch(/^HTTP\/1\.1 408/);
  });

  it("answers 408 to a body that trickles in slower than the request timeout", async () => {
    const body = JSON.stringify({ name: "slow", type: "person" }).padEnd(400, " ");
    const head = `POST /v1/sources HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nAuthorization: Bearer ${ADMIN_KEY}\r\n\r\n`;
    const r = await trickle(head, body.split(""), 50);
    expect(r.sentAll).toBe(false);
    expect(r.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2500);
  });

  it("answers 431 to request headers over node's limit and keeps serving", async () => {
    const res = await fetch(`${s.url}/healthz`, { headers: { "X-Big": "b".repeat(20_000) } });
    expect(res.status).toBe(431);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it("keeps answering ordinary requests while slow clients hold sockets", async () => {
    const slow = Array.from({ length: 20 }, () => trickle("GET /healthz HTTP/1.1\r\nHost: localhost\r\n", "X-A: b\r\n".repeat(50).split(""), 100).catch(() => undefined));
    const started = Date.now();
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    await Promise.all(slow);
  });
});
