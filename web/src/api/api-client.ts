import type { FieldError, Problem } from "./api-types";

/**
 * The one way the UI talks to the service: the public /v1 JSON API with the session
 * cookie (same origin, HttpOnly) and, on writes, the session's CSRF token.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
  }

  get code(): string {
    return this.problem.code;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  status: number;
}

export interface WriteOptions {
  body?: unknown;
  ifMatch?: string | null;
  /** Makes a retried write safe: the service answers a repeat with the first response. */
  idempotencyKey?: string;
}

type Query = Record<string, string | number | undefined | null>;

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the service answers 401 to a signed-in request (the session ended). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A random UUID, also outside secure contexts (crypto.randomUUID needs one). */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function call<T>(method: string, path: string, opts: WriteOptions & { public?: boolean } = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  if (opts.ifMatch) headers["If-Match"] = opts.ifMatch;
  if (opts.idempotencyKey) headers["Idempotency-Key"] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      cache: "no-store",
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, {
      type: "about:blank",
      title: "Network error",
      status: 0,
      code: "network_error",
      detail: "The service could not be reached. Check your connection and try again; nothing you typed was lost.",
    });
  }
  const etag = res.headers.get("ETag");
  if (res.status === 204) return { data: undefined as T, etag, status: 204 };
  const type = res.headers.get("Content-Type") ?? "";
  const payload: unknown = type.includes("json") ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const problem = isProblem(payload)
      ? payload
      : { type: "about:blank", title: res.statusText || "Error", status: res.status, code: `http_${res.status}`, detail: `The service answered ${res.status} ${res.statusText}.` };
    if (res.status === 401 && !opts.public) onUnauthorized?.();
    throw new ApiError(res.status, problem);
  }
  return { data: payload as T, etag, status: res.status };
}

function isProblem(x: unknown): x is Problem {
  return typeof x === "object" && x !== null && typeof (x as Problem).code === "string" && typeof (x as Problem).status === "number";
}

export const api = {
  get: <T>(path: string, query?: Query) => call<T>("GET", withQuery(path, query)),
  post: <T>(path: string, opts: WriteOptions = {}) => call<T>("POST", path, opts),
  put: <T>(path: string, opts: WriteOptions = {}) => call<T>("PUT", path, opts),
  patch: <T>(path: string, opts: WriteOptions = {}) => call<T>("PATCH", path, opts),
  delete: <T>(path: string, opts: WriteOptions = {}) => call<T>("DELETE", path, opts),
  /** For calls made without a session (sign-in): a 401 there is an answer, not an ended session. */
  publicPost: <T>(path: string, body: unknown) => call<T>("POST", path, { body, public: true }),
};

/** Message for people: the problem's detail, plus its field errors. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const fields = err.fieldErrors.map((e) => `${e.field}: ${e.message}`).join("; ");
    return fields ? `${err.message} (${fields})` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

export const etagOf = (version: number): string => `"${version}"`;
