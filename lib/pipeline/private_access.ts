/**
 * Which token, if any, a submission fetches with. A token sent with the
 * submission is used as given (and stored, sealed, only if a job needs it).
 * Otherwise a user who keeps a token for the host gets it used only when the
 * repository does not answer without one: public repositories stay public
 * analyses, shared with everyone, even for users who keep tokens.
 */
import type { Kysely } from "kysely";
import type { CurrentUser } from "../auth/current_user.ts";
import { type CredentialCipher, CredentialError } from "../credentials/cipher.ts";
import {
  accountCredentialId,
  DEFAULT_TOKEN_USERNAME,
  openCredential,
  requireCipher,
  saveCredential,
} from "../credentials/store.ts";
import { FULL_SHA } from "../git/clone.ts";
import type { Database } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import type { RepoLocation } from "../repo/url.ts";
import { AnalysisError } from "./analysis_error.ts";
import type { PrivateAccess, ResolveRef } from "./submit.ts";

/** The access to use and a resolver that remembers an answer already obtained while choosing. */
export interface AccessChoice {
  access: PrivateAccess | null;
  resolve: ResolveRef;
}

/**
 * Chooses how to reach `repo` for this user; throws a 401/409/503/400 a form
 * or the API shows. Whatever the token's source, the repository is asked
 * without it first: one that answers is public (its analysis is shared and
 * the token is neither used nor stored); a token counts as proof of access
 * only for a repository that refused an anonymous visitor.
 */
export async function choosePrivateAccess(
  db: Kysely<Database>,
  cipher: CredentialCipher | null,
  resolve: ResolveRef,
  input: { user: CurrentUser | null; repo: RepoLocation; ref: string | null; token?: string; username?: string },
): Promise<AccessChoice> {
  if (input.repo.kind === "local") {
    if (input.token) throw new AppError(400, "invalid_request", "token: local repositories take no token", "token");
    return { access: null, resolve };
  }
  const host = new URL(input.repo.url).host;
  const user = input.user;
  if (input.token && !user) {
    throw new AppError(401, "login_required", "Log in to analyse a private repository: its analysis is yours");
  }
  const stored = !input.token && user && cipher ? await accountCredentialId(db, user.id, host) : null;
  if (!user || (!input.token && !stored)) return { access: null, resolve };
  const sealer = requireCipher(cipher);

  const probe = await probeAnonymously(resolve, input.repo.url, input.ref);
  if (probe.answered) {
    // Public: the submission goes on without the token, with the answer already obtained.
    const { commit, error } = probe;
    return {
      access: null,
      resolve: (url, ref, credential) =>
        credential ? resolve(url, ref, credential) : error ? Promise.reject(error) : Promise.resolve(commit),
    };
  }
  if (input.token) {
    const token = input.token;
    return {
      resolve,
      access: {
        ownerId: user.id,
        credential: { username: input.username || DEFAULT_TOKEN_USERNAME, password: token },
        credentialId: null,
        store: async (trx) =>
          (await saveCredential(trx, sealer, {
            userId: user.id,
            host,
            kind: "submission",
            token,
            username: input.username,
          }))
            .id,
      },
    };
  }
  let credential;
  try {
    credential = await openCredential(db, sealer, stored!, { userId: user.id, host });
  } catch (error) {
    if (!(error instanceof CredentialError)) throw error;
    throw new AppError(
      409,
      "credential_unreadable",
      `Your token for ${host} can no longer be decrypted (the server's key changed): add it again on your account page`,
    );
  }
  if (!credential) return { access: null, resolve };
  return { resolve, access: { ownerId: user.id, credential, credentialId: stored } };
}

/**
 * Asks the repository without a token. `answered` with the commit when it is
 * public; not answered when it refused (credentials, or "not found" as GitHub
 * says for private repositories). A full commit id is checked against the
 * default branch, since naming one proves nothing; a server that cannot be
 * reached now is a 503 — guessing "public" would publish a private repository.
 */
async function probeAnonymously(
  resolve: ResolveRef,
  url: string,
  ref: string | null,
): Promise<{ answered: true; commit: string | null; error?: AnalysisError } | { answered: false }> {
  try {
    if (ref !== null && FULL_SHA.test(ref)) {
      await resolve(url, null);
      return { answered: true, commit: ref };
    }
    return { answered: true, commit: await resolve(url, ref) };
  } catch (error) {
    if (!(error instanceof AnalysisError)) throw error;
    if (error.code === "auth_required" || error.code === "repo_not_found") return { answered: false };
    if (error.transient) {
      throw new AppError(503, "host_unreachable", `${url} could not be reached to check its access; try again`);
    }
    // It answered (no such ref, no commits …): public, and the submission records that failure as usual.
    return { answered: true, commit: null, error };
  }
}
