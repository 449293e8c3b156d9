import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sha256Hex } from "../lib/ids";

export const SESSION_COOKIE = "ct_session";
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** 256 random bits, base64url: the cookie's value. Only its SHA-256 is stored. */
export const generateSessionToken = (): string => randomBytes(32).toString("base64url");

export const hashSessionToken = (token: string): string => sha256Hex(token);

/**
 * The CSRF token is derived from the session token (HMAC), so a page that was reloaded can
 * get it again from GET /v1/session while the database still keeps only hashes. A
 * cross-site attacker cannot read the cookie, so cannot compute it.
 */
export const deriveCsrfToken = (sessionToken: string): string =>
  createHmac("sha256", sessionToken).update("claimtrail csrf v1").digest("base64url");

export const hashCsrfToken = (csrfToken: string): string => sha256Hex(csrfToken);

/** Constant-time comparison of a sent X-CSRF-Token with the session's stored hash. */
export function csrfTokenMatches(sent: string | string[] | undefined, storedHash: string): boolean {
  if (typeof sent !== "string" || sent.length === 0 || sent.length > 200) return false;
  const a = Buffer.from(hashCsrfToken(sent), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export type SessionCookie = { kind: "none" } | { kind: "malformed" } | { kind: "token"; token: string };

/** Reads ct_session from a Cookie header (only that one cookie; no library needed). */
export function readSessionCookie(header: string | undefined): SessionCookie {
  if (!header) return { kind: "none" };
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    return TOKEN_PATTERN.test(value) ? { kind: "token", token: value } : { kind: "malformed" };
  }
  return { kind: "none" };
}
