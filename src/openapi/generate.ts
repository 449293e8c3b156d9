import { buildApi } from "../api";
import type { Database } from "../db/database";

/** A database that must not be touched: building the document only registers routes. */
const noDatabase = new Proxy({} as Database, {
  get() {
    throw new Error("the OpenAPI document is built without a database");
  },
});

/** The OpenAPI document as committed in docs/openapi.json (stable key order, 2-space JSON). */
export function openApiDocumentText(): string {
  return `${JSON.stringify(buildApi({ db: noDatabase }).document, null, 2)}\n`;
}
