import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from "@asteasolutions/zod-to-openapi";
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { scopeForOperation, scopesAllow } from "../auth/scopes";
import type { Role } from "../generated/prisma/enums";
import { AppError, notFound } from "./problem";
import { problemSchema } from "./problem-schema";
import type { AuthContext } from "./types";
import { validationError } from "./validate";

export const roleRank: Record<Role, number> = { viewer: 0, fact_checker: 1, editor: 2, admin: 3 };

type Method = "get" | "post" | "put" | "patch" | "delete";
type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface OperationSpec<P extends AnyObject | undefined, Q extends AnyObject | undefined, B extends z.ZodType | undefined> {
  method: Method;
  /** Express-style path below /v1, e.g. "/claims/:id". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** What the path's id names ("Claim"), for 404 messages. */
  resource?: string;
  /** Minimum role; "public" routes need no key. */
  access: Role | "public";
  params?: P;
  query?: Q;
  body?: B;
  bodyContentType?: string;
  /** Request headers the operation reads (If-Match, Idempotency-Key…), for the document. */
  headers?: AnyObject;
  responses: Record<number, ResponseSpec>;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface HandlerContext<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  auth: AuthContext;
}

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

/**
 * Declares an operation once: the same zod schemas validate the request and describe it
 * in the OpenAPI document. Handlers receive parsed values, never raw req.body/query.
 */
export class ApiRoutes {
  readonly router = Router();
  constructor(private readonly registry: OpenAPIRegistry, private readonly basePath = "/v1") {}

  operation<P extends AnyObject | undefined = undefined, Q extends AnyObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
    spec: OperationSpec<P, Q, B>,
    handler: (ctx: HandlerContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<void>,
  ): void {
    const scope = scopeForOperation(spec.tags, spec.access);
    this.register(spec, scope);
    this.router[spec.method](spec.path, async (req, res) => {
      const auth = req.auth;
      if (spec.access !== "public") {
        if (!auth) throw req.authProblem ?? new AppError(401, "unauthorized", "This route needs an API key or a session.");
        if (roleRank[auth.role] < roleRank[spec.access]) {
          throw new AppError(403, "forbidden", `This action needs the ${spec.access} role or higher; you have ${auth.role}.`);
        }
        if (!scopesAllow(auth.scopes, scope)) {
          throw new AppError(403, "insufficient_scope", `This API key's scopes (${auth.scopes.join(", ")}) do not include ${scope}.`, { requiredScope: scope });
        }
      }
      const parse = <S extends z.ZodType | undefined>(schema: S, value: unknown, where: string): Infer<S> => {
        if (!schema) return undefined as Infer<S>;
        const r = schema.safeParse(value);
        if (!r.success) {
          // A malformed id cannot name a record: answer exactly as for a missing one.
          if (where === "path") throw notFound(spec.resource ?? "The record");
          throw validationError(where, r.error);
        }
        return r.data as Infer<S>;
      };
      const params = parse(spec.params as P, req.params, "path");
      const query = parse(spec.query as Q, req.query, "query");
      const body = parse(spec.body as B, req.body ?? {}, "body");
      await handler({ req, res, params, query, body, auth: auth as AuthContext });
    });
  }

  private register(spec: OperationSpec<AnyObject | undefined, AnyObject | undefined, z.ZodType | undefined>, scope: string | null): void {
    const responses: RouteConfig["responses"] = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.headers ? { headers: Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: "string" } }])) } : {}),
        ...(r.schema ? { content: { [r.contentType ?? "application/json"]: { schema: r.schema } } } : {}),
      };
    }
    const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: problemSchema } } });
    // The refusals every operation of a kind can meet come from shared middleware (auth,
    // rate limit, body parsing), so they are declared here, for all of them alike.
    const isWrite = spec.method !== "get";
    // A public write that can answer 403 does so because it reads the session (sign-out).
    const readsSessionForWrite = isWrite && (spec.access !== "public" || spec.responses[403] !== undefined);
    if (spec.access !== "public") {
      responses["401"] ??= problem("Missing or invalid credentials.");
      const refusals = [
        ...(spec.access !== "viewer" ? [["forbidden", "the caller's role is below this operation's minimum role (`x-min-role`)."]] : []),
        ...(scope ? [["insufficient_scope", `the API key has scopes and none of them allows ${scope} (\`x-scope\`).`]] : []),
        ...(isWrite ? [["csrf_failed", "with a session cookie, X-CSRF-Token is missing or wrong."]] : []),
      ];
      // An operation's own 403 text keeps its detail; the shared refusals it does not name are added.
      const own = responses["403"] as ResponseConfig | undefined;
      const missing = refusals.filter(([code]) => !(own?.description ?? "").includes(`\`${code}\``)).map(([code, why]) => `\`${code}\`: ${why}`);
      if (own && missing.length) responses["403"] = { ...own, description: `${own.description ?? ""} ${missing.join(" ")}` };
      else if (!own && missing.length) responses["403"] = problem(missing.join(" "));
      responses["429"] ??= problem("`rate_limited`: too many requests from this API key or user; retry after Retry-After seconds.");
    }
    if (spec.params || spec.query || spec.body) responses["400"] ??= problem("The request is not valid; `errors` lists the fields.");
    if (spec.params) responses["404"] ??= problem("Not found (also for another organization's ids).");
    if (spec.body) {
      responses["413"] ??= problem("`payload_too_large`: the body is larger than the configured limit.");
      responses["415"] ??= problem(`\`unsupported_media_type\`: the body must be sent as ${spec.bodyContentType ?? "application/json"}.`);
    }
    responses["503"] ??= problem("The database is unavailable; retry later.");
    const retryAfter = { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" as const, minimum: 0 } } };
    for (const status of ["429", "503"]) {
      const r = responses[status] as ResponseConfig | undefined;
      if (r) responses[status] = { ...r, headers: { ...(r.headers ?? {}), ...retryAfter } };
    }
    const csrfHeader = z.string().optional().describe("With a session cookie: the session's csrfToken (from POST /v1/session or GET /v1/session). Not needed with an API key.");
    const headers = readsSessionForWrite ? z.object({ ...(spec.headers?.shape ?? {}), "X-CSRF-Token": csrfHeader }) : spec.headers;
    this.registry.registerPath({
      method: spec.method,
      path: this.basePath + toOpenApiPath(spec.path),
      operationId: spec.operationId,
      summary: spec.summary,
      description: spec.description,
      tags: spec.tags,
      security: spec.access === "public" ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }],
      // The minimum role, machine-readable: the role test and clients read it from here.
      "x-min-role": spec.access,
      // The API key scope it needs (src/auth/scopes.ts); absent: scopes do not apply.
      ...(scope ? { "x-scope": scope } : {}),
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(headers ? { headers } : {}),
        ...(spec.body ? { body: { required: true, content: { [spec.bodyContentType ?? "application/json"]: { schema: spec.body } } } } : {}),
      },
      responses,
    });
  }
}
