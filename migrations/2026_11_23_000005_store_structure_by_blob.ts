import { type Kysely, sql } from "kysely";

// Frozen in time: no app imports; the schema here is as of this migration.
//
// Functions, classes and imports belong to a file's content, not to an
// analysis: they are stored once per (blob, language, analyzer version) and
// an analysis's file rows point at them. A re-analysis then writes one row
// per file and nothing per function; the blob tables are the parse cache.
// Existing rows are converted: each parsed blob keeps the rows of its latest
// analysis.

const PARSED = [
  "JavaScript",
  "TypeScript",
  "TSX",
  "Python",
  "Go",
  "Java",
  "Rust",
  "C",
  "C++",
  "Ruby",
  "PHP",
  "C#",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table blob_structures (
    id bigint generated always as identity primary key,
    blob_sha text not null,
    language text not null,
    analyzer_version text not null,
    code integer not null,
    comment integer not null,
    blank integer not null,
    parse_errors integer not null default 0,
    functions integer not null default 0,
    max_ccn integer not null default 0,
    created_at timestamptz not null default now(),
    source_analysis uuid,
    source_path text,
    constraint blob_structures_key unique (blob_sha, analyzer_version, language)
  )`.execute(db);
  await sql`create table blob_functions (
    structure_id bigint not null,
    name text not null,
    qualified_name text not null,
    start_line integer not null,
    end_line integer not null,
    ccn integer not null,
    params integer not null,
    nloc integer not null,
    max_nesting integer not null,
    doc text
  )`.execute(db);
  await sql`create table blob_classes (
    structure_id bigint not null,
    name text not null,
    qualified_name text not null,
    kind text not null,
    start_line integer not null,
    end_line integer not null,
    doc text
  )`.execute(db);
  await sql`create table blob_imports (
    structure_id bigint not null,
    module text not null,
    line integer not null,
    kind text not null
  )`.execute(db);
  await sql`alter table analysis_files add column structure_id bigint`.execute(db);

  // One structure per parsed blob, from the latest analysis that parsed it.
  await sql`insert into blob_structures (blob_sha, language, analyzer_version, code, comment, blank,
      parse_errors, functions, max_ccn, source_analysis, source_path)
    select distinct on (f.blob_sha, coalesce(a.analyzer_version, 'unknown'), f.language)
      f.blob_sha, f.language, coalesce(a.analyzer_version, 'unknown'), f.code, f.comment, f.blank,
      f.parse_errors, f.functions, f.max_ccn, f.analysis_id, f.path
    from analysis_files f join analyses a on a.id = f.analysis_id
    where f.blob_sha is not null and f.skip_reason is null and f.language = any(${PARSED}::text[])
    order by f.blob_sha, coalesce(a.analyzer_version, 'unknown'), f.language, a.created_at desc`.execute(db);
  await sql`update analysis_files f set structure_id = s.id
    from analyses a, blob_structures s
    where a.id = f.analysis_id and f.skip_reason is null and s.blob_sha = f.blob_sha
      and s.language = f.language and s.analyzer_version = coalesce(a.analyzer_version, 'unknown')`.execute(db);
  await sql`insert into blob_functions
    select s.id, x.name, x.qualified_name, x.start_line, x.end_line, x.ccn, x.params, x.nloc, x.max_nesting, x.doc
    from blob_structures s join analysis_functions x
      on x.analysis_id = s.source_analysis and x.file_path = s.source_path`.execute(db);
  await sql`insert into blob_classes
    select s.id, x.name, x.qualified_name, x.kind, x.start_line, x.end_line, x.doc
    from blob_structures s join analysis_classes x
      on x.analysis_id = s.source_analysis and x.file_path = s.source_path`.execute(db);
  await sql`insert into blob_imports
    select s.id, x.module, x.line, x.kind
    from blob_structures s join analysis_imports x
      on x.analysis_id = s.source_analysis and x.file_path = s.source_path`.execute(db);
  await sql`alter table blob_structures drop column source_analysis, drop column source_path`.execute(db);

  // Indexes after the bulk copy: the function table, the file explorer and the cache read by structure.
  await sql`create index blob_functions_structure_idx on blob_functions (structure_id, start_line)`.execute(db);
  await sql`create index blob_classes_structure_idx on blob_classes (structure_id, start_line)`.execute(db);
  await sql`create index blob_imports_structure_idx on blob_imports (structure_id)`.execute(db);
  await sql`create index analysis_files_structure_idx on analysis_files (structure_id)`.execute(db);
  // Importers of a file are found by target: imports of external modules need no entry there.
  await sql`drop index analysis_imports_target_idx`.execute(db);
  await sql`create index analysis_imports_target_idx on analysis_imports (analysis_id, target_path)
    where target_path is not null`.execute(db);

  for (const table of ["analysis_functions", "analysis_classes", "blob_results"]) {
    await db.schema.dropTable(table).execute();
  }

  // Rows of an analysis and of a structure are written in bulk by one module and only ever
  // deleted with their parent. A foreign key checks every inserted row (a row lock on the
  // parent each: 60% of the cost of copying 20,000 file rows); a statement-level trigger gives
  // the same cascade on delete for nothing on insert.
  await sql`alter table analysis_files drop constraint analysis_files_analysis_id_fkey`.execute(db);
  await sql`alter table analysis_imports drop constraint analysis_imports_analysis_id_fkey`.execute(db);
  await sql`create function delete_analysis_rows() returns trigger language plpgsql as $$
    begin
      delete from analysis_files where analysis_id in (select id from deleted);
      delete from analysis_imports where analysis_id in (select id from deleted);
      return null;
    end $$`.execute(db);
  await sql`create trigger analyses_delete_rows after delete on analyses
    referencing old table as deleted for each statement execute function delete_analysis_rows()`.execute(db);
  await sql`create function delete_structure_rows() returns trigger language plpgsql as $$
    begin
      delete from blob_functions where structure_id in (select id from deleted);
      delete from blob_classes where structure_id in (select id from deleted);
      delete from blob_imports where structure_id in (select id from deleted);
      update analysis_files set structure_id = null where structure_id in (select id from deleted);
      return null;
    end $$`.execute(db);
  await sql`create trigger blob_structures_delete_rows after delete on blob_structures
    referencing old table as deleted for each statement execute function delete_structure_rows()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger blob_structures_delete_rows on blob_structures`.execute(db);
  await sql`drop function delete_structure_rows()`.execute(db);
  await sql`drop trigger analyses_delete_rows on analyses`.execute(db);
  await sql`drop function delete_analysis_rows()`.execute(db);
  for (const table of ["analysis_files", "analysis_imports"]) {
    await sql`alter table ${sql.table(table)}
      add foreign key (analysis_id) references analyses (id) on delete cascade`.execute(db);
  }
  await sql`drop index analysis_imports_target_idx`.execute(db);
  await sql`create index analysis_imports_target_idx on analysis_imports (analysis_id, target_path)`.execute(db);
  await sql`create table analysis_functions as
    select f.analysis_id, f.path as file_path, x.name, x.qualified_name, x.start_line, x.end_line, x.ccn,
      x.params, x.nloc, x.max_nesting, x.doc
    from analysis_files f join blob_functions x on x.structure_id = f.structure_id`.execute(db);
  await sql`create table analysis_classes as
    select f.analysis_id, f.path as file_path, x.name, x.qualified_name, x.kind, x.start_line, x.end_line, x.doc
    from analysis_files f join blob_classes x on x.structure_id = f.structure_id`.execute(db);
  for (const table of ["analysis_functions", "analysis_classes"]) {
    await sql`alter table ${sql.table(table)}
      add foreign key (analysis_id) references analyses (id) on delete cascade`.execute(db);
  }
  await sql`create index analysis_functions_file_idx on analysis_functions (analysis_id, file_path, start_line)`
    .execute(db);
  await sql`create index analysis_functions_ccn_idx on analysis_functions (analysis_id, ccn desc)`.execute(db);
  await sql`create index analysis_classes_file_idx on analysis_classes (analysis_id, file_path, start_line)`
    .execute(db);
  // The JSON cache is not rebuilt: it refills as blobs are parsed again.
  await sql`create table blob_results (
    blob_sha text not null,
    analyzer_version text not null,
    language text not null,
    result jsonb not null,
    created_at timestamptz not null default now(),
    constraint blob_results_pk primary key (blob_sha, analyzer_version, language)
  )`.execute(db);
  await sql`alter table blob_results alter column result set storage external`.execute(db);
  await sql`alter table analysis_files drop column structure_id`.execute(db);
  for (const table of ["blob_imports", "blob_classes", "blob_functions", "blob_structures"]) {
    await db.schema.dropTable(table).execute();
  }
}
