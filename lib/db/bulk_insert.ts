import { type Kysely, sql } from "kysely";

/** A column of a bulk insert: its name and Postgres type (for the array cast). */
export interface BulkColumn<R> {
  name: string;
  type: "text" | "integer" | "bigint" | "real" | "uuid" | "jsonb" | "timestamptz" | "boolean";
  value(row: R): unknown;
}

const ROWS_PER_STATEMENT = 5000;

/**
 * Inserts many rows with one `insert … select * from unnest($1::t[], $2::t[] …)`
 * per 5,000 rows: a fixed number of parameters however many rows, which
 * Postgres parses and plans once instead of once per value.
 */
export async function bulkInsert<R>(
  // deno-lint-ignore no-explicit-any -- any table of any schema
  db: Kysely<any>,
  table: string,
  columns: BulkColumn<R>[],
  rows: R[],
  options: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const slice = rows.slice(start, start + ROWS_PER_STATEMENT);
    const arrays = columns.map((column) =>
      sql`${slice.map((row) => column.value(row))}::${sql.raw(column.type === "jsonb" ? "text" : column.type)}[]`
    );
    const selected = columns.map((column, index) =>
      column.type === "jsonb" ? sql.raw(`c${index}::jsonb`) : sql.raw(`c${index}`)
    );
    const names = columns.map((_, index) => sql.raw(`c${index}`));
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c.name)))})
      select ${sql.join(selected)} from unnest(${sql.join(arrays)}) as u(${sql.join(names)})
      ${options.onConflictDoNothing ? sql`on conflict do nothing` : sql``}`.execute(db);
  }
}

/** Columns whose values are the row's properties of the same name. */
export function columnsOf<R>(...specs: [keyof R & string, BulkColumn<R>["type"]][]): BulkColumn<R>[] {
  return specs.map(([name, type]) => ({ name, type, value: (row: R) => row[name] }));
}
