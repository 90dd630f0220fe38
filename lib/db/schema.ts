import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

import type { AnalysisStatus } from "../shared/stages.ts";

export type { AnalysisStatus };

/** A repository, keyed by its normalised URL. */
export interface RepositoriesTable {
  id: Generated<string>;
  url: string;
  display_name: string;
  created_at: Generated<Date>;
}

/** One request to analyse a repository at a ref. */
export interface AnalysesTable {
  id: Generated<string>;
  repository_id: string;
  ref: string | null;
  commit_sha: string | null;
  status: Generated<AnalysisStatus>;
  stage: Generated<string>;
  progress: Generated<number>;
  progress_message: string | null;
  error_code: string | null;
  error_message: string | null;
  timings: ColumnType<Record<string, number>, string | undefined, string>;
  /** The analyzer that wrote this analysis's rows (set when it succeeds). */
  analyzer_version: string | null;
  /** Counts about the run: files parsed, taken from the blob cache … */
  stats: ColumnType<Record<string, number>, string | undefined, string>;
  request_id: string | null;
  /** Jobs that ran this analysis so far. */
  attempts: Generated<number>;
  /** Last sign of life from the worker running it; the watchdog re-queues analyses whose heartbeat stopped. */
  heartbeat_at: Date | null;
  cancel_requested: Generated<boolean>;
  /** A succeeded analysis of the same commit whose results this one shows (found only after resolving). */
  cached_from: string | null;
  /** Submitted with force: the cache was not used. */
  force: Generated<boolean>;
  /** The earlier analysis whose rows of unchanged files this one copied (set by the scan stage). */
  reused_from: string | null;
  /** Whether the history stage runs (the CLI's --no-history turns it off). */
  with_history: Generated<boolean>;
  /** Fetched with a user's token: only the users linked to it (user_analyses) may see it. */
  private: Generated<boolean>;
  /** Whose token fetches a private analysis: their mirror of the repository is theirs alone. */
  owner_id: string | null;
  /** The sealed repository token the job fetches with (a private analysis). */
  credential_id: string | null;
  /** The history's totals once it is analysed (commits, authors, truncated …). */
  history: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Generated<Date>;
}

/** A file of an analysed checkout, with its line counts. */
export interface AnalysisFilesTable {
  analysis_id: string;
  path: string;
  language: string | null;
  category: string;
  bytes: ColumnType<number, number, number>;
  code: number;
  comment: number;
  blank: number;
  blob_sha: string | null;
  skip_reason: string | null;
  parse_errors: Generated<number>;
  functions: Generated<number>;
  max_ccn: Generated<number>;
  /** The parsed structure of its blob, or null when it was not parsed. */
  structure_id: number | null;
}

/** The structure of one file content (git blob) as one analyzer version parsed it: the parse cache. */
export interface BlobStructuresTable {
  id: Generated<number>;
  blob_sha: string;
  language: string;
  analyzer_version: string;
  code: number;
  comment: number;
  blank: number;
  parse_errors: number;
  functions: number;
  max_ccn: number;
  /** The sum of its functions' CCN (a file's complexity for hotspots). */
  total_ccn: Generated<number>;
  created_at: Generated<Date>;
}

/** A function or method of a parsed blob. */
export interface BlobFunctionsTable {
  structure_id: number;
  name: string;
  qualified_name: string;
  start_line: number;
  end_line: number;
  ccn: number;
  params: number;
  nloc: number;
  max_nesting: number;
  doc: string | null;
}

/** A class, struct, interface, module or namespace of a parsed blob. */
export interface BlobClassesTable {
  structure_id: number;
  name: string;
  qualified_name: string;
  kind: string;
  start_line: number;
  end_line: number;
  doc: string | null;
}

/** An import statement of a parsed blob, as written (resolution depends on the analysis). */
export interface BlobImportsTable {
  structure_id: number;
  module: string;
  line: number;
  kind: string;
}

/** An import of an analysed file: to a file of the repository (`target_path`) or an external module. */
export interface AnalysisImportsTable {
  analysis_id: string;
  file_path: string;
  module: string;
  line: number;
  kind: string;
  target_path: string | null;
  external: string | null;
}

/** A person of an analysis's history (aliases merged). */
export interface AnalysisAuthorsTable {
  analysis_id: string;
  author_id: number;
  name: string;
  email: string;
  is_bot: boolean;
  commits: number;
  added: number;
  deleted: number;
  first_at: Date | null;
  last_at: Date | null;
}

/** Every (name, email) number handed out while reading the log, mapped to its merged person. */
export interface AnalysisAuthorAliasesTable {
  analysis_id: string;
  raw_id: number;
  author_id: number;
}

/** A commit of an analysis's history. */
export interface AnalysisCommitsTable {
  analysis_id: string;
  sha: string;
  raw_author_id: number;
  authored_at: Date;
  committed_at: Date;
  parents: number;
  subject: string;
  files: number;
  added: number;
  deleted: number;
}

/** A file changed by a commit: `path` as the file is named at the analysed commit (renames followed). */
export interface AnalysisChangesTable {
  analysis_id: string;
  sha: string;
  path: string;
  changed_path: string;
  language: string | null;
  raw_author_id: number;
  authored_at: Date;
  added: number | null;
  deleted: number | null;
}

/** Churn, ownership, age and hotspot score of one path. */
export interface AnalysisFileHistoryTable {
  analysis_id: string;
  path: string;
  commits: number;
  added: number;
  deleted: number;
  authors: number;
  main_author_id: number | null;
  main_author_share: number | null;
  first_at: Date;
  last_at: Date;
  /** The path is a file of the analysed commit. */
  present: boolean;
  complexity: Generated<number>;
  hotspot_score: Generated<number>;
}

/** Churn, ownership and age of a directory ("" is the repository). */
export interface AnalysisDirHistoryTable {
  analysis_id: string;
  dir: string;
  files: number;
  commits: number;
  authors: number;
  main_author_id: number | null;
  main_author_share: number | null;
  truck_factor: number | null;
  last_at: Date | null;
}

/** Two files that change together (Code Maat's sum-of-coupling degree). */
export interface AnalysisCouplingTable {
  analysis_id: string;
  path_a: string;
  path_b: string;
  shared: number;
  revisions_a: number;
  revisions_b: number;
  degree: number;
  import_edge: boolean;
}

/** Commits per week and author. */
export interface AnalysisActivityTable {
  analysis_id: string;
  /** The Monday of the week, YYYY-MM-DD. */
  week: string;
  author_id: number;
  commits: number;
  added: number;
  deleted: number;
}

/** Lines per language at the end of each month. */
export interface AnalysisLanguageMonthsTable {
  analysis_id: string;
  /** The first day of the month, YYYY-MM-DD. */
  month: string;
  language: string;
  added: number;
  deleted: number;
  lines: number;
}

/** One run of one stage of an analysis. */
export interface AnalysisStagesTable {
  analysis_id: string;
  stage: string;
  attempt: number;
  started_at: Generated<Date>;
  finished_at: Date | null;
  duration_ms: number | null;
  outcome: "done" | "failed" | "interrupted" | "canceled" | "skipped" | null;
  error_code: string | null;
}

/** A ref resolved to a commit a short while ago: a resubmission within the TTL needs no network. */
export interface RefResolutionsTable {
  repository_url: string;
  ref: string;
  commit_sha: string;
  resolved_at: Generated<Date>;
}

/** Rate-limit counters when Redis is not used (an unlogged table). */
export interface RateLimitsTable {
  key: string;
  window_start: Date;
  hits: number;
}

/** An account. The e-mail is unique regardless of case. */
export interface UsersTable {
  id: Generated<string>;
  email: string;
  /** bcrypt, cost 12. */
  password_hash: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A login: its id is in the signed token, so revoking the row ends the token before it expires. */
export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  /** A browser's cookie, or a token handed out by POST /api/auth/login. */
  kind: "cookie" | "api";
  user_agent: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
}

/** A personal API token; only its SHA-256 is kept. */
export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: Uint8Array;
  /** The first characters of the token, to tell tokens apart in a list. */
  prefix: string;
  created_at: Generated<Date>;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A repository token (a GitHub personal access token …), sealed with AES-256-GCM. */
export interface RepoCredentialsTable {
  id: Generated<string>;
  user_id: string;
  /** The git host it is sent to, and only to it. */
  host: string;
  /** Kept on the account for every private repository of the host, or given with one submission. */
  kind: "account" | "submission";
  username: string;
  /** Which key sealed it (rotation re-seals rows of older keys). */
  key_id: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  /** The token's last four characters, to recognise it. */
  hint: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
}

/** The analyses a user asked for: their scan history, and who may see a private analysis. */
export interface UserAnalysesTable {
  user_id: string;
  analysis_id: string;
  created_at: Generated<Date>;
}

/** The kysely view of the whole database. */
export interface Database {
  repositories: RepositoriesTable;
  analyses: AnalysesTable;
  analysis_files: AnalysisFilesTable;
  analysis_imports: AnalysisImportsTable;
  blob_structures: BlobStructuresTable;
  blob_functions: BlobFunctionsTable;
  blob_classes: BlobClassesTable;
  blob_imports: BlobImportsTable;
  analysis_authors: AnalysisAuthorsTable;
  analysis_author_aliases: AnalysisAuthorAliasesTable;
  analysis_commits: AnalysisCommitsTable;
  analysis_changes: AnalysisChangesTable;
  analysis_file_history: AnalysisFileHistoryTable;
  analysis_dir_history: AnalysisDirHistoryTable;
  analysis_coupling: AnalysisCouplingTable;
  analysis_activity: AnalysisActivityTable;
  analysis_language_months: AnalysisLanguageMonthsTable;
  analysis_stages: AnalysisStagesTable;
  ref_resolutions: RefResolutionsTable;
  rate_limits: RateLimitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  repo_credentials: RepoCredentialsTable;
  user_analyses: UserAnalysesTable;
}

/** A repository row. */
export type Repository = Selectable<RepositoriesTable>;
/** An analysis row. */
export type Analysis = Selectable<AnalysesTable>;
/** A new analysis row. */
export type NewAnalysis = Insertable<AnalysesTable>;
/** Changes to an analysis row. */
export type AnalysisUpdate = Updateable<AnalysesTable>;
/** A file row. */
export type AnalysisFile = Selectable<AnalysisFilesTable>;
/** A new file row. */
export type NewAnalysisFile = Insertable<AnalysisFilesTable>;
