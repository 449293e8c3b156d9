import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import type { FieldDef, Pool } from "pg";
import { toDriverAdapterError } from "./engine";

type PrismaPgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * A PostgreSQL server as Prisma's schema engine reaches it (drift checks), through
 * @prisma/adapter-pg. Development tooling only.
 *
 * The engine's catalog queries return columns of type "char" (OID 18: pg_class.relkind,
 * pg_constraint.contype, …) and expect them typed Character. @prisma/adapter-pg 7.10 has
 * no mapping for that type and refuses the result (UnsupportedNativeDataType); typed as
 * Text instead, the engine panics. pg hands the values over as one-character strings, so
 * only the column type needs fixing.
 *
 * Its executeScript also splits scripts on every ";" — inside $$ function bodies too —
 * and runs the pieces one by one, not atomically. Prisma's native engine sends a
 * migration as one simple query; so does this adapter.
 */
export function pgAdapterFactory(pool: Pool): SqlDriverAdapterFactory {
  const inner = new PrismaPg(pool);
  return {
    provider: "postgres",
    adapterName: inner.adapterName,
    connect: async () => withWholeScripts(withCharColumns(await inner.connect())),
  };
}

function withWholeScripts(adapter: PrismaPgAdapter): PrismaPgAdapter {
  adapter.executeScript = async (script) => {
    try {
      // No parameters: pg uses the simple query protocol, one implicit transaction.
      await adapter.underlyingDriver().query(script);
    } catch (err) {
      throw toDriverAdapterError(err);
    }
  };
  return adapter;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

interface WithPerformIO {
  performIO(query: SqlQuery): Promise<{ fields: FieldDef[] }>;
}

function withCharColumns<A extends SqlDriverAdapter>(adapter: A): A {
  // queryRaw(query) calls this.performIO(query) with the same query object: performIO
  // passes "char" columns off as text and notes where they are, queryRaw types them.
  const charColumns = new WeakMap<SqlQuery, number[]>();
  const target = adapter as unknown as Partial<WithPerformIO>;
  const performIO = target.performIO?.bind(adapter);
  if (!performIO) throw new Error("@prisma/adapter-pg changed: performIO is gone; revisit src/db/migrations/engine-pg.ts");
  target.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(i);
      }
    });
    if (indexes.length > 0) charColumns.set(query, indexes);
    return result;
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  return adapter;
}
