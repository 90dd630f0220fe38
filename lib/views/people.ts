/**
 * The people of an analysis's history as the Contributors view shows them:
 * ownership per person (built on history_views' `contributors`: humans first,
 * bots last), and the network of people linked by the files they both changed.
 *
 * @module
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { withHashJoins } from "../db/hash_joins.ts";
import { type Contributor, contributors } from "../history/history_views.ts";
import { OUTSIDE_METRICS } from "../report/summary.ts";

/** A person with the files they own as main author (by lines added) among the files of the analysed commit. */
export interface PersonOwnership extends Contributor {
  filesOwned: number;
  /** Their share of the files that have a main author, 0–1 (null when no file has one). */
  ownedShare: number | null;
}

/** How many people, bots and owned files the history has. */
export interface PeopleCounts {
  people: number;
  bots: number;
  /** Files of the analysed commit with a main author. */
  ownedFiles: number;
}

/** A person of the network: commits and how many files they changed (that count). */
export interface NetworkPerson {
  id: number;
  name: string;
  commits: number;
  files: number;
}

/** Two people and how many files both of them changed. */
export interface PersonPair {
  a: number;
  b: number;
  shared: number;
}

/** The people network: the top people by commits and every pair of them sharing a file, strongest first. */
export interface PeopleNetwork {
  people: NetworkPerson[];
  pairs: PersonPair[];
  total: { people: number };
}

/** Counts people, bots and the files that have a main author. */
export async function peopleCounts(db: Kysely<Database>, analysisId: string): Promise<PeopleCounts> {
  const [people, owned] = await Promise.all([
    db.selectFrom("analysis_authors")
      .select([
        sql<string>`count(*) filter (where not is_bot)`.as("people"),
        sql<string>`count(*) filter (where is_bot)`.as("bots"),
      ])
      .where("analysis_id", "=", analysisId).executeTakeFirstOrThrow(),
    db.selectFrom("analysis_file_history").select((eb) => eb.fn.countAll<string>().as("n"))
      .where("analysis_id", "=", analysisId).where("present", "=", true).where("main_author_id", "is not", null)
      .executeTakeFirstOrThrow(),
  ]);
  return { people: Number(people.people), bots: Number(people.bots), ownedFiles: Number(owned.n) };
}

/** A page of the people who are not bots, by commits, with the files each owns. */
export async function ownershipPage(
  db: Kysely<Database>,
  analysisId: string,
  counts: PeopleCounts,
  page: { limit: number; offset: number },
): Promise<PersonOwnership[]> {
  // `contributors` lists humans before bots: the first `counts.people` rows are exactly the humans.
  const limit = Math.min(page.limit, counts.people - page.offset);
  if (limit <= 0) return [];
  const people = await contributors(db, analysisId, { limit, offset: page.offset });
  const owned = await filesOwned(db, analysisId, people.map((p) => p.id));
  return people.map((person) => {
    const files = owned.get(person.id) ?? 0;
    return { ...person, filesOwned: files, ownedShare: counts.ownedFiles ? files / counts.ownedFiles : null };
  });
}

/** The bots of the history, by commits. */
export async function botsOf(db: Kysely<Database>, analysisId: string, counts: PeopleCounts): Promise<Contributor[]> {
  if (counts.bots === 0) return [];
  return await contributors(db, analysisId, { limit: counts.bots, offset: counts.people });
}

/** Files of the analysed commit each person owns as main author. */
async function filesOwned(db: Kysely<Database>, analysisId: string, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("analysis_file_history")
    .select(["main_author_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("analysis_id", "=", analysisId).where("present", "=", true).where("main_author_id", "in", ids)
    .groupBy("main_author_id").execute();
  return new Map(rows.map((r) => [r.main_author_id!, Number(r.n)]));
}

/**
 * The `limit` people (not bots) with the most commits and, for each pair of
 * them, the files both changed (vendored, generated and binary files left
 * out; a file is named as at the analysed commit, renames followed).
 */
export async function peopleNetwork(db: Kysely<Database>, analysisId: string, limit: number): Promise<PeopleNetwork> {
  const id = sql`${analysisId}::uuid`;
  const top = await db.selectFrom("analysis_authors").select(["author_id", "name", "commits"])
    .where("analysis_id", "=", analysisId).where("is_bot", "=", false)
    .orderBy("commits", "desc").orderBy("author_id").limit(limit).execute();
  const counts = await peopleCounts(db, analysisId);
  if (top.length === 0) return { people: [], pairs: [], total: { people: counts.people } };
  const ids = top.map((p) => p.author_id);
  const rows = await withHashJoins(db, (trx) =>
    sql<{ a: number; b: number | null; shared: string }>`
    with touched as (
      select distinct m.author_id, c.path
      from analysis_changes c
      join analysis_author_aliases m on m.analysis_id = c.analysis_id and m.raw_id = c.raw_author_id
      left join analysis_files f on f.analysis_id = c.analysis_id and f.path = c.path
      where c.analysis_id = ${id} and m.author_id = any(${ids}::int[])
        and (f.category is null or f.category <> all(${OUTSIDE_METRICS}::text[]))
    )
    select x.author_id as a, y.author_id as b, count(*) as shared
    from touched x join touched y on x.path = y.path and x.author_id < y.author_id
    group by 1, 2
    union all
    select author_id, null, count(*) from touched group by 1`.execute(trx));
  const files = new Map<number, number>();
  const pairs: PersonPair[] = [];
  for (const row of rows.rows) {
    if (row.b === null) files.set(row.a, Number(row.shared));
    else pairs.push({ a: row.a, b: row.b, shared: Number(row.shared) });
  }
  pairs.sort((x, y) => y.shared - x.shared || x.a - y.a || x.b - y.b);
  return {
    people: top.map((p) => ({ id: p.author_id, name: p.name, commits: p.commits, files: files.get(p.author_id) ?? 0 })),
    pairs,
    total: { people: counts.people },
  };
}
