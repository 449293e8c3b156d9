import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new signing secret: "whsec_" + 32 random bytes, base64url. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64url")}`;

/** What is shown of a secret after creation ("whsec_AbCd"). */
export const secretPrefixOf = (secret: string): string => secret.slice(0, 10);

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`, the ClaimTrail-Signature header. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The receiver's check, as documented in the README (used by the tests too). */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, header: string, toleranceSeconds = 300): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(Date.now() / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  return header.split(",").some((part) => {
    const given = Buffer.from(part.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
