import { type Kysely, sql } from "kysely";

// Frozen in time: no app imports; the schema here is as of this migration.
// Accounts (issue #6): users, login sessions (so logout really ends a token), personal API tokens
// (hashed), the link from users to the analyses they asked for, private analyses, and repository
// tokens sealed with AES-256-GCM (the key never reaches the database).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table users (
    id uuid primary key default gen_random_uuid(),
    email text not null,
    password_hash text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);

  await sql`create table sessions (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users (id) on delete cascade,
    kind text not null check (kind in ('cookie', 'api')),
    user_agent text,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz
  )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id) where revoked_at is null`.execute(db);

  await sql`create table api_tokens (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users (id) on delete cascade,
    name text not null,
    token_hash bytea not null unique,
    prefix text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    last_used_at timestamptz,
    revoked_at timestamptz
  )`.execute(db);
  await sql`create index api_tokens_user_idx on api_tokens (user_id, created_at desc)`.execute(db);

  await sql`create table repo_credentials (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users (id) on delete cascade,
    host text not null,
    kind text not null check (kind in ('account', 'submission')),
    username text not null,
    key_id text not null,
    iv bytea not null,
    ciphertext bytea not null,
    hint text not null,
    created_at timestamptz not null default now(),
    last_used_at timestamptz
  )`.execute(db);
  await sql`create unique index repo_credentials_account_key on repo_credentials (user_id, host)
    where kind = 'account'`.execute(db);

  await sql`alter table analyses
    add column private boolean not null default false,
    add column owner_id uuid references users (id) on delete set null,
    add column credential_id uuid references repo_credentials (id) on delete set null`.execute(db);
  // One analysis per commit in flight, now per visibility: a private run never joins a public one.
  await sql`drop index analyses_in_flight_key`.execute(db);
  await sql`create unique index analyses_in_flight_key on analyses (repository_id, commit_sha, with_history, private)
    where status in ('queued', 'running') and commit_sha is not null`.execute(db);

  await sql`create table user_analyses (
    user_id uuid not null references users (id) on delete cascade,
    analysis_id uuid not null references analyses (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (user_id, analysis_id)
  )`.execute(db);
  await sql`create index user_analyses_recent_idx on user_analyses (user_id, created_at desc, analysis_id)`
    .execute(db);
  await sql`create index user_analyses_analysis_idx on user_analyses (analysis_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table user_analyses`.execute(db);
  await sql`drop index analyses_in_flight_key`.execute(db);
  await sql`alter table analyses drop column credential_id, drop column owner_id, drop column private`.execute(db);
  await sql`create unique index analyses_in_flight_key on analyses (repository_id, commit_sha, with_history)
    where status in ('queued', 'running') and commit_sha is not null`.execute(db);
  await sql`drop table repo_credentials`.execute(db);
  await sql`drop table api_tokens`.execute(db);
  await sql`drop table sessions`.execute(db);
  await sql`drop table users`.execute(db);
}
