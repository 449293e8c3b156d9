import { createHash } from "node:crypto";
import { uuidv7 } from "uuidv7";

/** New opaque, time-ordered id (UUID v7). */
export const newId = (): string => uuidv7();

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => uuidPattern.test(s);

/**
 * A deterministic UUID (version 8, RFC 9562 "custom") derived from a namespace and a
 * name. Used for seed records so that loading the seed twice finds the same rows.
 */
export function deterministicId(namespace: string, name: string): string {
  const h = createHash("sha256").update(`${namespace}\u0000${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80; // version 8
  h[8] = (h[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const sha256Hex = (s: string | Buffer): string => createHash("sha256").update(s).digest("hex");
