import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config/config";
import { AppError } from "../http/problem";

/**
 * Webhook signing secrets must be readable again (we sign with them), so unlike API keys
 * they are encrypted, not hashed: AES-256-GCM under WEBHOOK_SECRET_KEY. Stored as
 * "v1.<iv>.<tag>.<ciphertext>" (base64url), so the scheme can change later.
 */
export class SecretKeyMissingError extends AppError {
  constructor() {
    super(
      409,
      "webhook_secret_key_missing",
      "Webhook signing secrets are stored encrypted, and WEBHOOK_SECRET_KEY is not set on this server. Set it to 32 random bytes, base64-encoded (openssl rand -base64 32), the same on every instance, and restart.",
    );
  }
}

const keyFileName = "webhook-secret.key";

/**
 * The encryption key: WEBHOOK_SECRET_KEY, else (embedded database only) a key generated
 * once into DATA_DIR/webhook-secret.key (mode 0600) next to the data it protects. A server
 * deployment has several instances and no shared directory, so it must be configured.
 */
export function resolveSecretKey(config: Config): Buffer {
  if (config.WEBHOOK_SECRET_KEY) return Buffer.from(config.WEBHOOK_SECRET_KEY, "base64");
  if (config.databaseKind === "server") throw new SecretKeyMissingError();
  const file = path.join(config.dataDir, keyFileName);
  try {
    const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
    if (key.length === 32) return key;
    throw new Error(`${file} does not hold a 32-byte base64 key`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  // "wx": if another process raced us, its key wins and we read it back.
  try {
    writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  }
}

export function encryptSecret(key: Buffer, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

export function decryptSecret(key: Buffer, stored: string): string {
  const [v, iv, tag, ct] = stored.split(".");
  if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("unknown webhook secret format");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
