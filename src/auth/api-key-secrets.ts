import { randomBytes } from "node:crypto";
import { sha256Hex } from "../lib/ids";

/** Keys look like "ct_" + 43 base64url characters (256 random bits). */
export const API_KEY_PREFIX = "ct_";

export function generateApiKeySecret(): string {
  return API_KEY_PREFIX + randomBytes(32).toString("base64url");
}

/** What we store: a SHA-256 of the whole key (keys are random, so no salt or KDF is needed). */
export const hashApiKey = (secret: string): string => sha256Hex(secret);

/** What we show in lists: enough to recognise a key, useless to an attacker. */
export const displayPrefix = (secret: string): string => secret.slice(0, 11);
