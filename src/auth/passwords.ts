import { hash, verify, type Options } from "@node-rs/argon2";

export const PASSWORD_MIN_LENGTH = 12;
// An upper bound keeps a request from making us hash megabytes.
export const PASSWORD_MAX_LENGTH = 256;

// argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane): memory-hard, so guessing a
// stolen hash costs memory as well as time. `2` is Algorithm.Argon2id, a const enum that
// per-file transpilers (swc, tsx) cannot inline.
const ARGON2_OPTIONS: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2_OPTIONS);

/** False for a wrong password and for a hash that cannot be parsed. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Verifies against a user's hash, or against a throw-away hash when there is no such user,
 * so that an unknown email takes as long to refuse as a wrong password.
 */
export class PasswordVerifier {
  private dummyHash: Promise<string> | undefined;

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (passwordHash !== null) return verifyPassword(passwordHash, password);
    this.dummyHash ??= hashPassword("claimtrail dummy password, never matches");
    await verifyPassword(await this.dummyHash, password);
    return false;
  }
}
