/**
 * The history metrics of an analysis, computed once from its commit and
 * change rows (mostly inside Postgres) and stored so every page reads one
 * indexed table: churn, ownership and age per file and directory, hotspots,
 * change coupling, weekly activity and lines per language per month.
 */
import { type Kysely, sql } from "kysely";
import { type BulkColumn, bulkInsert } from "../db/bulk_insert.ts";
import type { Database } from "../db/schema.ts";
import { withHashJoins } from "../db/hash_joins.ts";
import { ancestors, type IngestResult, type PathTotals } from "./ingest.ts";
import { type Authorship, type FileOwnership, ownership, truckFactor } from "./truck_factor.ts";

/** Categories whose files are listed but kept out of metrics (as in the structure summary). */
const OUTSIDE_METRICS = ["vendored", "generated", "binary"];

/** Code Maat's defaults for change coupling. */
export const COUPLING = { minRevisions: 5, minShared: 5, minDegree: 0.3, maxChangeSetSize: 30 } as const;

/** What the metrics add to the history's summary. */
export interface MetricsSummary {
  /** People who are not bots. */
  authors: number;
  bots: number;
  truckFactor: number;
  /** Who the truck factor counts, most knowledgeable first. */
  truckFactorAuthors: string[];
}

/**
 * Computes and stores every metric of the analysis's history from what
 * reading it gathered (`read`) and its rows (coupling, activity and language
 * months are computed inside Postgres).
 */
export async function computeHistoryMetrics(
  db: Kysely<Database>,
  analysisId: string,
  read: IngestResult,
): Promise<MetricsSummary> {
  const id = sql`${analysisId}::uuid`;
  const people = await db.selectFrom("analysis_authors").select(["author_id", "name", "is_bot"])
    .where("analysis_id", "=", analysisId).execute();
  const bots = new Set(people.filter((p) => p.is_bot).map((p) => p.author_id));
  const files = new Map(
    (await db.selectFrom("analysis_files").select(["path", "category"]).where("analysis_id", "=", analysisId)
      .execute()).map((f) => [f.path, f.category]),
  );

  // Ownership of the files that exist now and count for metrics, by lines added (bots left out).
  const authorship: Authorship[] = [];
  const humans = new Map<string, number>();
  for (const [path, totals] of read.paths) {
    const byPerson = new Map<number, { added: number; commits: number }>();
    for (const [raw, mine] of totals.byAuthor) {
      const person = read.canonical(raw);
      if (bots.has(person)) continue;
      const sum = byPerson.get(person);
      if (sum) {
        sum.added += mine.added;
        sum.commits += mine.commits;
      } else byPerson.set(person, { ...mine });
    }
    humans.set(path, byPerson.size);
    const category = files.get(path);
    if (category === undefined || OUTSIDE_METRICS.includes(category)) continue;
    for (const [authorId, mine] of byPerson) authorship.push({ path, authorId, ...mine });
  }
  const owned = ownership(authorship);
  const owners = new Map(owned.map((o) => [o.path, o]));
  await storeFiles(db, analysisId, read, files, humans, owners);
  await storeDirectories(db, analysisId, directoryOwnership(authorship, owned, bots, read.dirs));

  // Hotspots: changes × complexity (the sum of the file's functions' CCN), for files that count.
  // Joined by primary keys only: fast whatever the statistics say right after the bulk loads.
  await sql`update analysis_file_history h set complexity = s.total_ccn, hotspot_score = h.commits * s.total_ccn
    from analysis_files f join blob_structures s on s.id = f.structure_id
    where f.analysis_id = ${id} and f.category <> all(${OUTSIDE_METRICS}::text[]) and s.total_ccn > 0
      and h.analysis_id = ${id} and h.path = f.path`.execute(db);

  await storeCoupling(db, analysisId);

  await sql`insert into analysis_activity (analysis_id, week, author_id, commits, added, deleted)
    select ${id}, date_trunc('week', c.authored_at at time zone 'UTC')::date, m.author_id, count(*),
      sum(c.added), sum(c.deleted)
    from analysis_commits c
    join analysis_author_aliases m on m.analysis_id = c.analysis_id and m.raw_id = c.raw_author_id
    where c.analysis_id = ${id}
    group by 2, 3`.execute(db);

  await storeLanguageMonths(db, analysisId);

  const overall = truckFactor(owned, { excludeAuthorIds: bots });
  const names = new Map(people.map((p) => [p.author_id, p.name]));
  return {
    authors: people.length - bots.size,
    bots: bots.size,
    truckFactor: overall.value,
    truckFactorAuthors: overall.authors.map((author) => names.get(author) ?? String(author)),
  };
}

/** Churn, age, authors and main author of every path the history touched. */
async function storeFiles(
  db: Kysely<Database>,
  analysisId: string,
  read: IngestResult,
  files: Map<string, string>,
  humans: Map<string, number>,
  owners: Map<string, FileOwnership>,
): Promise<void> {
  type Row = [string, PathTotals];
  const columns: BulkColumn<Row>[] = [
    { name: "analysis_id", type: "uuid", value: () => analysisId },
    { name: "path", type: "text", value: ([path]) => path },
    { name: "commits", type: "integer", value: ([, t]) => t.commits },
    { name: "added", type: "bigint", value: ([, t]) => t.added },
    { name: "deleted", type: "bigint", value: ([, t]) => t.deleted },
    { name: "authors", type: "integer", value: ([path]) => humans.get(path) ?? 0 },
    { name: "main_author_id", type: "integer", value: ([path]) => owners.get(path)?.mainAuthorId ?? null },
    { name: "main_author_share", type: "real", value: ([path]) => owners.get(path)?.mainShare ?? null },
    { name: "first_at", type: "timestamptz", value: ([, t]) => t.first.toISOString() },
    { name: "last_at", type: "timestamptz", value: ([, t]) => t.last.toISOString() },
    { name: "present", type: "boolean", value: ([path]) => files.has(path) },
  ];
  await bulkInsert(db, "analysis_file_history", columns, [...read.paths]);
}

interface DirOwnership {
  dir: string;
  commits: number;
  lastAt: Date | null;
  files: number;
  authors: number;
  mainAuthorId: number | null;
  mainShare: number | null;
  truckFactor: number | null;
}

/**
 * Per directory: files that count, authors, the main author by lines added
 * and their share; the truck factor of the repository and of each
 * top-level directory.
 */
function directoryOwnership(
  rows: Authorship[],
  owned: FileOwnership[],
  bots: Set<number>,
  touched: IngestResult["dirs"],
): DirOwnership[] {
  const added = new Map<string, Map<number, number>>();
  for (const row of rows) {
    for (const dir of ancestors(row.path)) {
      let byAuthor = added.get(dir);
      if (!byAuthor) added.set(dir, byAuthor = new Map());
      byAuthor.set(row.authorId, (byAuthor.get(row.authorId) ?? 0) + row.added);
    }
  }
  const filesIn = new Map<string, FileOwnership[]>();
  for (const file of owned) {
    for (const dir of ancestors(file.path)) {
      let list = filesIn.get(dir);
      if (!list) filesIn.set(dir, list = []);
      list.push(file);
    }
  }
  return [...filesIn].map(([dir, files]) => {
    const byAuthor = added.get(dir) ?? new Map<number, number>();
    const total = [...byAuthor.values()].reduce((sum, n) => sum + n, 0);
    let main: [number, number] | null = null;
    for (const entry of byAuthor) {
      if (!main || entry[1] > main[1] || (entry[1] === main[1] && entry[0] < main[0])) main = entry;
    }
    const topLevel = dir === "" || !dir.includes("/");
    return {
      dir,
      commits: touched.get(dir)?.commits ?? 0,
      lastAt: touched.get(dir)?.last ?? null,
      files: files.length,
      authors: byAuthor.size,
      mainAuthorId: main?.[0] ?? null,
      mainShare: main && total > 0 ? main[1] / total : null,
      truckFactor: topLevel ? truckFactor(files, { excludeAuthorIds: bots }).value : null,
    };
  });
}

async function storeDirectories(db: Kysely<Database>, analysisId: string, dirs: DirOwnership[]): Promise<void> {
  const columns: BulkColumn<DirOwnership>[] = [
    { name: "analysis_id", type: "uuid", value: () => analysisId },
    { name: "dir", type: "text", value: (d) => d.dir },
    { name: "files", type: "integer", value: (d) => d.files },
    { name: "commits", type: "integer", value: (d) => d.commits },
    { name: "authors", type: "integer", value: (d) => d.authors },
    { name: "main_author_id", type: "integer", value: (d) => d.mainAuthorId },
    { name: "main_author_share", type: "real", value: (d) => d.mainShare },
    { name: "truck_factor", type: "integer", value: (d) => d.truckFactor },
    { name: "last_at", type: "timestamptz", value: (d) => d.lastAt?.toISOString() ?? null },
  ];
  await bulkInsert(db, "analysis_dir_history", columns, dirs);
}

/**
 * Change coupling as Code Maat computes it: over commits of at most 30
 * files, pairs of files (both present now) with at least 5 revisions each
 * and 5 shared, degree = shared / average revisions ≥ 30%; flagged when no
 * import edge joins them (hidden coupling).
 */
async function storeCoupling(db: Kysely<Database>, analysisId: string): Promise<void> {
  const id = sql`${analysisId}::uuid`;
  const { minRevisions, minShared, minDegree, maxChangeSetSize } = COUPLING;
  await withHashJoins(db, async (trx) => {
    await sql`insert into analysis_coupling (analysis_id, path_a, path_b, shared, revisions_a, revisions_b, degree,
      import_edge)
    with revisions as (
      select path, commits from analysis_file_history
      where analysis_id = ${id} and present and commits >= ${minRevisions}
    ), sized as (
      -- The size of each commit's change set, from the changes themselves (no join on commits).
      select sha, path, count(*) over (partition by sha) as files
      from analysis_changes where analysis_id = ${id}
    ), changes as (
      select s.sha, s.path from sized s join revisions r on r.path = s.path
      where s.files <= ${maxChangeSetSize}
    ), pairs as (
      select a.path as path_a, b.path as path_b, count(*) as shared
      from changes a join changes b on a.sha = b.sha and a.path < b.path
      group by 1, 2 having count(*) >= ${minShared}
    )
    select ${id}, p.path_a, p.path_b, p.shared, ra.commits, rb.commits,
      p.shared::real / ((ra.commits + rb.commits) / 2.0), exists (
        select 1 from analysis_imports i where i.analysis_id = ${id}
          and ((i.file_path = p.path_a and i.target_path = p.path_b)
            or (i.file_path = p.path_b and i.target_path = p.path_a))
      )
    from pairs p join revisions ra on ra.path = p.path_a join revisions rb on rb.path = p.path_b
    where p.shared::real / ((ra.commits + rb.commits) / 2.0) >= ${minDegree}`.execute(trx);
  });
}

/**
 * Lines per language at the end of each month: numstat's lines added minus
 * deleted, anchored so the last month equals the lines of the analysed
 * commit (a capped history does not start from zero).
 */
async function storeLanguageMonths(db: Kysely<Database>, analysisId: string): Promise<void> {
  const id = sql`${analysisId}::uuid`;
  await sql`insert into analysis_language_months (analysis_id, month, language, added, deleted, lines)
    with monthly as (
      select date_trunc('month', authored_at at time zone 'UTC')::date as month, language,
        coalesce(sum(added), 0) as added, coalesce(sum(deleted), 0) as deleted
      from analysis_changes where analysis_id = ${id} and language is not null
      group by 1, 2
    ), now as (
      select language, sum(code + comment + blank) as lines from analysis_files
      where analysis_id = ${id} and language is not null group by language
    )
    select ${id}, m.month, m.language, m.added, m.deleted,
      greatest(0, coalesce(n.lines, 0) - coalesce(sum(m.added - m.deleted) over (
        partition by m.language order by m.month desc rows between unbounded preceding and 1 preceding
      ), 0))
    from monthly m left join now n on n.language = m.language`.execute(db);
}
