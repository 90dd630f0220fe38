/**
 * Repository tokens, sealed: a user keeps one per git host on their account,
 * or gives one with a submission. The database holds only the AES-256-GCM
 * ciphertext (bound to its row and owner), the key's id and the last four
 * characters; the token is opened only to hand it to git.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import type { GitCredential } from "../git/run_git.ts";
import { isUuid } from "../shared/ids.ts";
import type { CredentialCipher } from "./cipher.ts";

/** The username git sends with a token when none is given (GitHub accepts any; GitLab wants "oauth2"). */
export const DEFAULT_TOKEN_USERNAME = "x-access-token";

/** A stored token as lists show it. */
export interface CredentialView {
  id: string;
  host: string;
  kind: "account" | "submission";
  username: string;
  /** "…" and the token's last four characters. */
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** What the cipher binds a ciphertext to: another row, user or host cannot open it. */
function context(row: { id: string; user_id: string; host: string }): string {
  return `repo-credential:${row.id}:${row.user_id}:${row.host}`;
}

/** The cipher, or a 503 saying how to turn private repositories on. */
export function requireCipher(cipher: CredentialCipher | null): CredentialCipher {
  if (cipher) return cipher;
  throw new AppError(
    503,
    "credentials_unavailable",
    "Private repositories are off on this server: its operator must set CREDENTIALS_KEYS",
  );
}

/** Seals and stores a token; an account token replaces the user's earlier one for the host. */
export async function saveCredential(
  db: Kysely<Database>,
  cipher: CredentialCipher,
  input: { userId: string; host: string; kind: "account" | "submission"; token: string; username?: string | null },
): Promise<CredentialView> {
  const host = input.host.toLowerCase();
  if (input.kind === "account") {
    await db.deleteFrom("repo_credentials").where("user_id", "=", input.userId).where("host", "=", host)
      .where("kind", "=", "account").execute();
  }
  const id = crypto.randomUUID();
  const sealed = await cipher.seal(input.token, context({ id, user_id: input.userId, host }));
  const row = await db.insertInto("repo_credentials").values({
    id,
    user_id: input.userId,
    host,
    kind: input.kind,
    username: input.username || DEFAULT_TOKEN_USERNAME,
    key_id: sealed.keyId,
    iv: sealed.iv,
    ciphertext: sealed.ciphertext,
    hint: `…${input.token.slice(-4)}`,
  }).returningAll().executeTakeFirstOrThrow();
  return toView(row);
}

/** A user's stored tokens, newest first. */
export async function listCredentials(db: Kysely<Database>, userId: string): Promise<CredentialView[]> {
  const rows = await db.selectFrom("repo_credentials").selectAll().where("user_id", "=", userId)
    .orderBy("created_at", "desc").execute();
  return rows.map(toView);
}

/** Deletes one of the user's tokens; false when it is not theirs. */
export async function deleteCredential(db: Kysely<Database>, userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const result = await db.deleteFrom("repo_credentials").where("id", "=", id).where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The id of the user's account token for `host`, if they keep one. */
export async function accountCredentialId(db: Kysely<Database>, userId: string, host: string): Promise<string | null> {
  const row = await db.selectFrom("repo_credentials").select("id").where("user_id", "=", userId)
    .where("host", "=", host.toLowerCase()).where("kind", "=", "account").executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Opens a stored token for git, only for its own user and host (a row id
 * pointing at someone else's token opens nothing); null when it was deleted.
 */
export async function openCredential(
  db: Kysely<Database>,
  cipher: CredentialCipher,
  id: string,
  expected: { userId: string; host: string },
): Promise<GitCredential | null> {
  const row = await db.selectFrom("repo_credentials").selectAll().where("id", "=", id)
    .where("user_id", "=", expected.userId).where("host", "=", expected.host.toLowerCase()).executeTakeFirst();
  if (!row) return null;
  const password = await cipher.open({ keyId: row.key_id, iv: row.iv, ciphertext: row.ciphertext }, context(row));
  await db.updateTable("repo_credentials").set({ last_used_at: new Date() }).where("id", "=", id).execute();
  return { username: row.username, password };
}

/** Seals again, with the current key, every token sealed with an older one; returns how many. */
export async function resealCredentials(db: Kysely<Database>, cipher: CredentialCipher): Promise<number> {
  const rows = await db.selectFrom("repo_credentials").selectAll().execute();
  let count = 0;
  for (const row of rows) {
    if (!cipher.isStale(row.key_id)) continue;
    const token = await cipher.open({ keyId: row.key_id, iv: row.iv, ciphertext: row.ciphertext }, context(row));
    const sealed = await cipher.seal(token, context(row));
    await db.updateTable("repo_credentials")
      .set({ key_id: sealed.keyId, iv: sealed.iv, ciphertext: sealed.ciphertext })
      .where("id", "=", row.id).where("key_id", "=", row.key_id).execute();
    count++;
  }
  return count;
}

/**
 * Forgets the tokens given with submissions that no analysis will fetch with
 * again: those of analyses finished more than `days` ago (a failed one may be
 * retried until then), and any no analysis points to.
 */
export async function forgetStaleSubmissionCredentials(db: Kysely<Database>, days = 7): Promise<number> {
  const result = await sql`delete from repo_credentials c where c.kind = 'submission'
    and c.created_at < now() - interval '1 hour'
    and not exists (select 1 from analyses a where a.credential_id = c.id
      and (a.finished_at is null or a.finished_at > now() - make_interval(days => ${days})))`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Forgets a token that was given for one analysis once that analysis no longer needs it. */
export async function forgetSubmissionCredential(db: Kysely<Database>, analysisId: string): Promise<void> {
  await db.deleteFrom("repo_credentials").where("kind", "=", "submission")
    .where("id", "=", (eb) => eb.selectFrom("analyses").select("credential_id").where("id", "=", analysisId))
    .execute();
}

function toView(row: {
  id: string;
  host: string;
  kind: "account" | "submission";
  username: string;
  hint: string;
  created_at: Date;
  last_used_at: Date | null;
}): CredentialView {
  return {
    id: row.id,
    host: row.host,
    kind: row.kind,
    username: row.username,
    hint: row.hint,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}
