import { createHash, type Hash } from "node:crypto";
import { StringDecoder } from "node:string_decoder";

export type RawLine = { line: number; text: string } | { line: number; tooLong: true };

/**
 * Splits a byte stream into lines without holding more than one line (capped at
 * `maxBytes`) in memory: an over-long line is skipped up to its newline and reported,
 * never buffered. Pulling from the stream as we go gives backpressure, so a slow
 * database slows the upload instead of filling memory. Every byte also feeds `hash`
 * (the Idempotency-Key request fingerprint).
 */
export async function* ndjsonLines(stream: AsyncIterable<Buffer | string>, maxBytes: number, hash: Hash = createHash("sha256")): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  let line = 0;
  const finish = (): RawLine => {
    line += 1;
    if (skipping) return { line, tooLong: true };
    const decoder = new StringDecoder("utf8");
    const text = (decoder.write(Buffer.concat(parts, size)) + decoder.end()).replace(/\r$/, "");
    return { line, text };
  };
  for await (const chunk of stream) {
    let buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    hash.update(buf);
    for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10)) {
      const head = buf.subarray(0, nl);
      if (!skipping && size + head.length <= maxBytes) {
        parts.push(head);
        size += head.length;
      } else skipping = true;
      yield finish();
      parts = [];
      size = 0;
      skipping = false;
      buf = buf.subarray(nl + 1);
    }
    if (buf.length > 0) {
      if (!skipping && size + buf.length <= maxBytes) {
        // Copy: the stream may reuse its chunk's memory.
        parts.push(Buffer.from(buf));
        size += buf.length;
      } else {
        parts = [];
        size = 0;
        skipping = true;
      }
    }
  }
  if (size > 0 || skipping) yield finish();
}
