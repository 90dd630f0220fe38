import { type Kysely, sql } from "kysely";

// Frozen in time: no app imports; the schema here is as of this migration.
//
// The pipeline of issue #5: each stage run recorded (attempt, time, outcome),
// a heartbeat the watchdog reads, cancel requests, analyses that reuse a
// cached one, resolved refs kept for a short while, and the constraint that
// makes concurrent submissions of one repository at one commit join a single
// analysis in flight.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table analyses
    add column attempts integer not null default 0,
    add column heartbeat_at timestamptz,
    add column cancel_requested boolean not null default false,
    add column cached_from uuid,
    add column force boolean not null default false,
    add column reused_from uuid`.execute(db);
  // Submitted before this migration: their analyzer is the one that ran them, or unknown.
  await sql`update analyses set analyzer_version = coalesce(analyzer_version, 'unknown')`.execute(db);
  // Earlier submissions could run the same commit twice at once: all but the newest stop here.
  await sql`update analyses a set status = 'failed', error_code = 'superseded',
      error_message = 'Another analysis of the same commit was running', finished_at = now()
    where a.status in ('queued', 'running') and a.commit_sha is not null and exists (
      select 1 from analyses b where b.repository_id = a.repository_id and b.commit_sha = a.commit_sha
        and b.with_history = a.with_history and b.status in ('queued', 'running') and b.created_at > a.created_at
    )`.execute(db);
  await sql`create unique index analyses_in_flight_key on analyses (repository_id, commit_sha, with_history)
    where status in ('queued', 'running') and commit_sha is not null`.execute(db);
  await sql`create index analyses_cache_idx on analyses (repository_id, commit_sha, analyzer_version)
    where status = 'succeeded'`.execute(db);
  await sql`create index analyses_running_idx on analyses (heartbeat_at) where status = 'running'`.execute(db);
  await sql`create table analysis_stages (
    analysis_id uuid not null,
    stage text not null,
    attempt integer not null,
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    duration_ms integer,
    outcome text check (outcome in ('done', 'failed', 'interrupted', 'canceled', 'skipped')),
    error_code text,
    primary key (analysis_id, stage, attempt)
  )`.execute(db);
  await sql`create table ref_resolutions (
    repository_url text not null,
    ref text not null,
    commit_sha text not null,
    resolved_at timestamptz not null default now(),
    primary key (repository_url, ref)
  )`.execute(db);
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
      delete from analysis_stages where analysis_id in (select id from deleted);
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
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
  await db.schema.dropTable("ref_resolutions").execute();
  await db.schema.dropTable("analysis_stages").execute();
  await sql`drop index analyses_running_idx`.execute(db);
  await sql`drop index analyses_cache_idx`.execute(db);
  await sql`drop index analyses_in_flight_key`.execute(db);
  await sql`alter table analyses drop column attempts, drop column heartbeat_at, drop column cancel_requested,
    drop column cached_from, drop column force, drop column reused_from`.execute(db);
}
