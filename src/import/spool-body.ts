import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../http/problem";

export interface SpooledBody {
  path: string;
  bytes: number;
  remove(): Promise<void>;
}

export const bodyTooLarge = (maxBytes: number) =>
  new AppError(413, "body_too_large", `An import body may be at most ${Math.round(maxBytes / 2 ** 20)} MB; split it into several requests.`);

/**
 * Receives a request body into a temporary file, at the speed of the network. Why: the
 * import writes its lines at the speed of the database, and reading the body at that pace
 * would keep the request "being received" for as long as the import runs — node's
 * requestTimeout (meant for slow clients) would then cut a long import with a 408. Spooled,
 * the request is received in seconds and the import runs as long as it needs; memory stays
 * bounded either way. The file is private (0600, in a fresh 0700 directory) and removed by
 * remove(), which the caller runs in a finally.
 */
export async function spoolBody(body: NodeJS.ReadableStream, maxBytes: number, tmpRoot = os.tmpdir()): Promise<SpooledBody> {
  const dir = await mkdtemp(path.join(tmpRoot, "claimtrail-import-"));
  const file = path.join(dir, "body.ndjson");
  const remove = () => rm(dir, { recursive: true, force: true });
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) done(bodyTooLarge(maxBytes));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    await remove();
    throw err;
  }
  return { path: file, bytes, remove };
}
