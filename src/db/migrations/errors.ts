/** Failures of the migration runner that a caller (start-up, db:deploy) must report as such. */

export type MigrationErrorCode =
  /** Timed out waiting for the migration lock. */
  | "P1002"
  /** No migration history, but the schema already has tables. */
  | "P3005"
  /** A failed migration is recorded: nothing more is applied until it is resolved. */
  | "P3009"
  /** A migration failed now; it is recorded as failed. */
  | "P3018"
  /** An applied migration was edited (with onEditedMigration: "refuse"). */
  | "EDITED_MIGRATION";

/** Codes are Prisma's where Prisma has one, so runbooks and searches apply unchanged. */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly migration?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
