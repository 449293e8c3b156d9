import type { PoolClient } from "pg";
import type { Prisma } from "../src/generated/prisma/client";

/**
 * The four raw-SQL methods of a Prisma transaction client, straight on a pg connection:
 * enough for the service's own write path (insertClaims, findClaims, appendEvents), which
 * uses nothing else. The baseline runs that code on it, so its create sends exactly the
 * service's statements without Prisma, express or validation: the overhead being measured.
 */
export function rawTransaction(client: PoolClient): Prisma.TransactionClient {
  const arg = (v: unknown) => (typeof v === "bigint" ? v.toString() : v);
  const fromTemplate = (strings: TemplateStringsArray, values: unknown[]) => {
    let text = strings[0] ?? "";
    values.forEach((v, i) => {
      if (v !== null && typeof v === "object" && !(v instanceof Date) && !Array.isArray(v)) throw new Error("rawTransaction: SQL fragments are not supported");
      text += `$${i + 1}${strings[i + 1] ?? ""}`;
    });
    return { text, values: values.map(arg) };
  };
  const rows = async (text: string, values: unknown[]) => (await client.query(text, values.map(arg))).rows as unknown;
  const count = async (text: string, values: unknown[]) => (await client.query(text, values.map(arg))).rowCount ?? 0;
  const raw = {
    $queryRawUnsafe: (sql: string, ...values: unknown[]) => rows(sql, values),
    $executeRawUnsafe: (sql: string, ...values: unknown[]) => count(sql, values),
    $queryRaw: (strings: TemplateStringsArray, ...values: unknown[]) => {
      const q = fromTemplate(strings, values);
      return rows(q.text, q.values);
    },
    $executeRaw: (strings: TemplateStringsArray, ...values: unknown[]) => {
      const q = fromTemplate(strings, values);
      return count(q.text, q.values);
    },
  };
  return new Proxy(raw, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      throw new Error(`rawTransaction: ${String(prop)} is not available (only raw SQL)`);
    },
  }) as unknown as Prisma.TransactionClient;
}
