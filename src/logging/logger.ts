import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Paths that may hold secrets. pino replaces them before a line is written, so a key,
 * password, cookie or token can never reach the logs through a logged object.
 */
export const redactPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  "req.headers[\"x-csrf-token\"]",
  "res.headers[\"set-cookie\"]",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.secret",
  "*.token",
  "*.apiKey",
  "*.key",
  "password",
  "secret",
  "token",
];

/**
 * The one field allowed to carry an API key: the bootstrap print of a new embedded
 * database's first admin key (src/bootstrap/prepare-database.ts), which the operator has
 * no other way to learn. Everywhere else a key-shaped string is replaced.
 */
export const SHOWN_ONCE_KEY_FIELD = "adminApiKeyShownOnce";

// "ct_" + base64url (src/auth/api-key-secrets.ts), not inside a longer word ("fact_checker_…").
// 16+ characters: the logged display prefix (ct_ + 8) stays readable.
const apiKeyShaped = new RegExp(`(?<!"${SHOWN_ONCE_KEY_FIELD}":")(?<![A-Za-z0-9_-])ct_[A-Za-z0-9_-]{16,}`, "g");

/**
 * Paths cannot catch a key inside free text (a message, an error, a URL): every written
 * line is searched for key-shaped strings instead. The line is JSON, so the exception can
 * only match a real `adminApiKeyShownOnce` property (a quote inside a string is escaped).
 */
export function redactApiKeySecrets(line: string): string {
  return line.replace(apiKeyShaped, "ct_[redacted]");
}

export function createLogger(opts: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: opts.level,
      base: { service: "claimtrail" },
      redact: { paths: redactPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: redactApiKeySecrets },
    },
    opts.destination ?? pino.destination({ sync: false }),
  );
}
