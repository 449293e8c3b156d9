import fc from "fast-check";
import openapi from "../../docs/openapi.json";

/** The subset of JSON Schema that src/openapi/generate.ts emits from the zod schemas. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  nullable?: boolean;
  additionalProperties?: boolean | JsonSchema;
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  params: Parameter[];
  bodySchema?: JsonSchema;
  public: boolean;
}

const doc = openapi as unknown as {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> }; security?: unknown[] }>>;
  components: { schemas: Record<string, JsonSchema> };
};

/** Every operation of the published document (the contract the fuzzer attacks). */
export function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      out.push({
        method: method as Operation["method"],
        path,
        params: op.parameters ?? [],
        bodySchema: op.requestBody?.content["application/json"]?.schema,
        public: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return out;
}

function resolve(s: JsonSchema): JsonSchema {
  let cur = s;
  for (let i = 0; cur.$ref && i < 10; i++) cur = doc.components.schemas[cur.$ref.replace("#/components/schemas/", "")] ?? {};
  return cur;
}

/** Hostile strings mixed into every string position. */
export const nastyString = fc.constantFrom(
  "",
  " ",
  "'; DROP TABLE claims; --",
  "\" OR 1=1 --",
  "%00",
  "\u0000",
  "../../etc/passwd",
  "..%2F..%2F",
  "__proto__",
  "constructor",
  "<script>alert(1)</script>",
  "\uD800",
  "𝕏".repeat(300),
  "a".repeat(5000),
  "-1",
  "1e309",
  "NaN",
  "null",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "$(reboot)",
  "{{7*7}}",
);

export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2, withNullPrototype: false }).map((v) => JSON.parse(JSON.stringify(v ?? null)) as unknown) },
  { weight: 1, arbitrary: nastyString },
);

/**
 * Values that follow the schema's shape most of the time, so requests get past the first
 * validation error into the handlers, and break it some of the time (wrong types, extra
 * keys, hostile strings). `depth` bounds recursion through $refs.
 */
export function fromSchema(schema: JsonSchema, pools: { ids: string[] }, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const wrong = depth > 4 ? fc.constant(null) : anyJson;
  const shaped = shapedFromSchema(s, pools, depth);
  return fc.oneof({ weight: 8, arbitrary: shaped }, { weight: 1, arbitrary: wrong });
}

function shapedFromSchema(s: JsonSchema, pools: { ids: string[] }, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts && alts.length) return fc.oneof(...alts.map((a) => fromSchema(a, pools, depth + 1)));
  if (s.allOf && s.allOf.length) return fromSchema(s.allOf[0]!, pools, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      if (depth > 5) return fc.constant({});
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = fromSchema(v, pools, depth + 1);
      const requiredKeys = Object.keys(props).filter((k) => required.has(k));
      const base = fc.record(model, { requiredKeys });
      // Now and then an unknown or privileged key (mass assignment) is added.
      const extra = fc.option(fc.constantFrom("organizationId", "id", "version", "role", "status", "__proto__", "constructor", "createdAt", "x"), { freq: 4 });
      return fc.tuple(base, extra, anyJson).map(([obj, key, val]) => {
        const o = { ...(obj as Record<string, unknown>) };
        if (key) Object.defineProperty(o, key, { value: val, enumerable: true, writable: true, configurable: true });
        return o;
      });
    }
    case "array":
      return fc.array(s.items ? fromSchema(s.items, pools, depth + 1) : anyJson, { maxLength: 4 });
    case "integer":
      return fc.oneof(fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? 1000 }), fc.constantFrom(-1, 0, 2 ** 31, Number.MAX_SAFE_INTEGER));
    case "number":
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.constantFrom(0, -0.5, 1e300));
    case "boolean":
      return fc.boolean();
    case "string":
      if (s.format === "uuid") return fc.oneof(fc.constantFrom(...pools.ids), fc.uuid());
      if (s.format === "uri" || s.format === "url") return fc.oneof(fc.webUrl(), nastyString);
      if (s.format === "date-time") return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), nastyString);
      if (s.format === "email") return fc.oneof(fc.emailAddress(), nastyString);
      return fc.oneof(
        { weight: 4, arbitrary: fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 60) }) },
        { weight: 1, arbitrary: nastyString },
        { weight: 1, arbitrary: fc.constantFrom(...pools.ids) },
      );
    default:
      return anyJson;
  }
}

/** A value for a path parameter: real ids of the organization, random or hostile segments. */
export function pathValue(param: Parameter, pools: { ids: string[] }): fc.Arbitrary<string> {
  const s = resolve(param.schema ?? {});
  const shaped: fc.Arbitrary<string> = s.enum
    ? fc.constantFrom(...s.enum.map(String))
    : s.type === "integer" || s.type === "number"
      ? fc.integer({ min: -2, max: 5 }).map(String)
      : fc.constantFrom(...pools.ids);
  return fc.oneof(
    { weight: 4, arbitrary: shaped.map(safeEncode) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom("..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%252F", "%E0%A4%A", "%C0%AF", "%FF", "..", "%00", "a%2Fb", "'%20OR%201=1") },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map(safeEncode) },
  );
}

/** A query string built from the operation's declared query parameters plus noise. */
export function queryArb(op: Operation, pools: { ids: string[] }): fc.Arbitrary<string> {
  const qs = op.params.filter((p) => p.in === "query");
  const pairs = qs.map((p) =>
    fc.option(
      fc.tuple(fc.constant(p.name), fc.oneof(shapedFromSchema(resolve(p.schema ?? {}), pools, 3).map((v) => (typeof v === "string" ? v : JSON.stringify(v))), nastyString)),
      { freq: 2 },
    ),
  );
  const noiseKey = fc.oneof(fc.constantFrom("__proto__[x]", "constructor[prototype][y]", "a[b][c]", "limit", "q", "status", "cursor", "organizationId"), fc.string({ maxLength: 10 }));
  const noise = fc.array(fc.tuple(noiseKey, nastyString), { maxLength: 2 });
  return fc.tuple(fc.tuple(...pairs), noise).map(([ps, extra]) => {
    const all = [...ps.filter((x): x is [string, string] => x !== null), ...extra];
    return all.map(([k, v]) => `${safeEncode(k)}=${safeEncode(v)}`).join("&");
  });
}

/** encodeURIComponent, except that a lone surrogate becomes the bytes of invalid UTF-8 (also worth sending). */
export function safeEncode(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return "%ED%A0%80";
  }
}

/** Header values must be visible ASCII or node's client refuses to send them. */
export function headerSafe(v: string): string {
  return v.replace(/[^\x20-\x7e]/g, "?").slice(0, 200);
}
