import { LRUCache } from "lru-cache";
import type { Database } from "../db/database";
import type { Role } from "../generated/prisma/enums";
import type { Logger } from "../logging/logger";

/** The PostgreSQL NOTIFY channel on which a revocation names the revoked key's id. */
export const API_KEY_REVOKED_CHANNEL = "claimtrail_api_key_revoked";

export interface VerifiedKey {
  organizationId: string;
  id: string;
  role: Role;
  scopes: string[];
  lastUsedAt: Date | null;
}

/**
 * Verified API keys by secret hash, so that most requests skip the key lookup (one round
 * trip of the two a claim read costs). It must never let a revoked key through:
 * - revocation evicts the key in this process at once (evictKey, after the commit), and
 *   notifies every other instance through PostgreSQL (NOTIFY in the revoking transaction,
 *   so only a committed revocation is announced);
 * - an instance caches only while it is listening for those notifications; when the
 *   listening connection drops it empties the cache and looks every key up until it is
 *   listening again, so a revocation can never be missed;
 * - entries also expire after API_KEY_CACHE_SECONDS, and unknown keys are never cached
 *   (a flood of bad keys cannot fill the memory or push out good entries).
 * The embedded database is one process by construction (its data-dir lock), so there the
 * local eviction is all there is to do.
 */
export class ApiKeyCache {
  private readonly entries: LRUCache<string, VerifiedKey> | null;
  private listening: boolean;
  /** Bumped by every eviction: a lookup that raced with one must not cache its answer. */
  private generation = 0;

  constructor(
    private readonly opts: { ttlSeconds: number; max?: number },
    needsListener: boolean,
  ) {
    this.entries = opts.ttlSeconds > 0 ? new LRUCache<string, VerifiedKey>({ max: opts.max ?? 10_000, ttl: opts.ttlSeconds * 1000 }) : null;
    this.listening = !needsListener;
  }

  /**
   * The cache of an app on this database: on a server database it starts listening for
   * revocations in the background and caches nothing until it is. The listening connection
   * belongs to the database and ends with db.close().
   */
  static forDatabase(db: Database, ttlSeconds: number, log: Logger): ApiKeyCache {
    const cache = new ApiKeyCache({ ttlSeconds }, db.kind === "server");
    if (ttlSeconds > 0 && db.kind === "server" && db.listen) {
      db.listen(API_KEY_REVOKED_CHANNEL, {
        onMessage: (keyId) => cache.evictKey(keyId),
        onState: (up) => {
          if (!up) log.warn("not listening for API key revocations: keys are looked up on every request until it is back");
          cache.setListening(up);
        },
      }).catch((err: unknown) => log.warn({ err: { message: (err as Error).message } }, "could not listen for API key revocations"));
    }
    return cache;
  }

  get enabled(): boolean {
    return this.entries !== null && this.listening;
  }

  get(secretHash: string): VerifiedKey | undefined {
    return this.enabled ? this.entries?.get(secretHash) : undefined;
  }

  /** Taken before a database lookup and handed to set(). */
  ticket(): number {
    return this.generation;
  }

  /**
   * Caches a key read from the database, unless an eviction happened since `ticket` was
   * taken: the read may predate a revocation whose notice has already been processed.
   */
  set(secretHash: string, key: VerifiedKey, ticket: number): void {
    if (this.enabled && ticket === this.generation) this.entries?.set(secretHash, key);
  }

  evictKey(keyId: string): void {
    this.generation++;
    if (!this.entries) return;
    for (const [hash, key] of this.entries.entries()) if (key.id === keyId) this.entries.delete(hash);
  }

  setListening(up: boolean): void {
    // Whatever was cached before a gap may have been revoked during it.
    this.generation++;
    this.entries?.clear();
    this.listening = up;
  }
}
