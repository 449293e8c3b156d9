import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests. `respond` decides each answer's
 * status (default 200); every request is recorded with its raw body.
 */
export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  respond: (r: ReceivedWebhook, n: number) => number;
  /** Answer this late (keeps deliveries in flight). */
  delayMs: number;
  close(): Promise<void>;
}

export function startReceiver(port = 0): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(r);
      res.statusCode = receiver.respond(r, received.length);
      if (receiver.delayMs > 0) setTimeout(() => res.end(), receiver.delayMs);
      else res.end();
    });
  });
  const receiver: WebhookReceiver = {
    url: "",
    port: 0,
    received,
    respond: () => 200,
    delayMs: 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const a = server.address() as AddressInfo;
      receiver.port = a.port;
      receiver.url = `http://127.0.0.1:${a.port}/hooks`;
      resolve(receiver);
    });
  });
}

/** One key for every webhook test file, so any worker on the shared server database can sign any test's deliveries. */
export const TEST_WEBHOOK_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");
