import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { registerArticleReadRoutes } from "./article-read-routes";
import { registerArticleWriteRoutes } from "./article-write-routes";

/** Every /v1/articles operation (called from src/api.ts). */
export function registerArticleRoutes(api: ApiRoutes, db: Database): void {
  registerArticleReadRoutes(api, db);
  registerArticleWriteRoutes(api, db);
}
