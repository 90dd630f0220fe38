import { type Kysely, sql } from "kysely";

// Frozen in time: no app imports; the schema here is as of this migration.
//
// The history of an analysis: raw rows as git log gives them (commits, file
// changes with the path each file has at the analysed commit) and the metrics
// computed from them once, each in a table the pages read with one indexed
// query. Authors are numbered per analysis; `analysis_author_aliases` maps
// every (name, email) number handed out while reading to the merged person.
// Bulk tables have no foreign keys (see 0005): the delete trigger cascades.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table analyses
    add column with_history boolean not null default true,
    add column history jsonb`.execute(db);
  await sql`create table analysis_authors (
    analysis_id uuid not null,
    author_id integer not null,
    name text not null,
    email text not null,
    is_bot boolean not null,
    commits integer not null,
    added bigint not null,
    deleted bigint not null,
    first_at timestamptz,
    last_at timestamptz,
    primary key (analysis_id, author_id)
  )`.execute(db);
  await sql`create table analysis_author_aliases (
    analysis_id uuid not null,
    raw_id integer not null,
    author_id integer not null,
    primary key (analysis_id, raw_id)
  )`.execute(db);
  await sql`create table analysis_commits (
    analysis_id uuid not null,
    sha text not null,
    raw_author_id integer not null,
    authored_at timestamptz not null,
    committed_at timestamptz not null,
    parents integer not null,
    subject text not null,
    files integer not null,
    added integer not null,
    deleted integer not null
  )`.execute(db);
  await sql`create table analysis_changes (
    analysis_id uuid not null,
    sha text not null,
    path text not null,
    changed_path text not null,
    language text,
    raw_author_id integer not null,
    authored_at timestamptz not null,
    added integer,
    deleted integer
  )`.execute(db);
  await sql`create table analysis_file_history (
    analysis_id uuid not null,
    path text not null,
    commits integer not null,
    added bigint not null,
    deleted bigint not null,
    authors integer not null,
    main_author_id integer,
    main_author_share real,
    first_at timestamptz not null,
    last_at timestamptz not null,
    present boolean not null,
    complexity integer not null default 0,
    hotspot_score bigint not null default 0,
    primary key (analysis_id, path)
  )`.execute(db);
  await sql`create table analysis_dir_history (
    analysis_id uuid not null,
    dir text not null,
    files integer not null,
    commits integer not null,
    authors integer not null,
    main_author_id integer,
    main_author_share real,
    truck_factor integer,
    last_at timestamptz,
    primary key (analysis_id, dir)
  )`.execute(db);
  await sql`create table analysis_coupling (
    analysis_id uuid not null,
    path_a text not null,
    path_b text not null,
    shared integer not null,
    revisions_a integer not null,
    revisions_b integer not null,
    degree real not null,
    import_edge boolean not null,
    primary key (analysis_id, path_a, path_b)
  )`.execute(db);
  await sql`create table analysis_activity (
    analysis_id uuid not null,
    week date not null,
    author_id integer not null,
    commits integer not null,
    added bigint not null,
    deleted bigint not null,
    primary key (analysis_id, week, author_id)
  )`.execute(db);
  await sql`create table analysis_language_months (
    analysis_id uuid not null,
    month date not null,
    language text not null,
    added bigint not null,
    deleted bigint not null,
    lines bigint not null,
    primary key (analysis_id, month, language)
  )`.execute(db);
  // Built after the bulk load of each analysis would be faster, but indexes are per table, not per analysis.
  await sql`create index analysis_commits_time_idx on analysis_commits (analysis_id, authored_at)`.execute(db);
  await sql`create index analysis_changes_path_idx on analysis_changes (analysis_id, path)`.execute(db);
  await sql`create index analysis_file_history_hotspot_idx on analysis_file_history (analysis_id, hotspot_score desc)`
    .execute(db);
  await sql`create index analysis_coupling_degree_idx on analysis_coupling (analysis_id, degree desc)`.execute(db);

  await sql`create or replace function delete_analysis_rows() returns trigger language plpgsql as $$
    begin
      delete from analysis_files where analysis_id in (select id from deleted);
      delete from analysis_imports where analysis_id in (select id from deleted);
      delete from analysis_authors where analysis_id in (select id from deleted);
      delete from analysis_author_aliases where analysis_id in (select id from deleted);
      delete from analysis_commits where analysis_id in (select id from deleted);
      delete from analysis_changes where analysis_id in (select id from deleted);
      delete from analysis_file_history where analysis_id in (select id from deleted);
      delete from analysis_dir_history where analysis_id in (select id from deleted);
      delete from analysis_coupling where analysis_id in (select id from deleted);
      delete from analysis_activity where analysis_id in (select id from deleted);
      delete from analysis_language_months where analysis_id in (select id from deleted);
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create or replace function delete_analysis_rows() returns trigger language plpgsql as $$
    begin
      delete from analysis_files where analysis_id in (select id from deleted);
      delete from analysis_imports where analysis_id in (select id from deleted);
      return null;
    end $$`.execute(db);
  for (
    const table of [
      "analysis_language_months",
      "analysis_activity",
      "analysis_coupling",
      "analysis_dir_history",
      "analysis_file_history",
      "analysis_changes",
      "analysis_commits",
      "analysis_author_aliases",
      "analysis_authors",
    ]
  ) {
    await db.schema.dropTable(table).execute();
  }
  await sql`alter table analyses drop column history, drop column with_history`.execute(db);
}
