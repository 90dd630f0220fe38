/**
 * Which token, if any, a submission fetches with. A token sent with the
 * submission is used as given (and stored, sealed, only if a job needs it).
 * Otherwise a user who keeps a token for the host gets it used only when the
 * repository does not answer without one: public repositories stay public
 * analyses, shared with everyone, even for users who keep tokens.
 */
import type { Kysely } from "kysely";
import type { CurrentUser } from "../auth/current_user.ts";
import type { CredentialCipher } from "../credentials/cipher.ts";
import { accountCredentialId, openCredential, requireCipher, saveCredential } from "../credentials/store.ts";
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

/** Chooses how to reach `repo` for this user; throws a 401/503/400 a form or the API shows. */
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
  if (input.token) {
    if (!user) {
      throw new AppError(401, "login_required", "Log in to analyse a private repository: its analysis is yours");
    }
    const sealer = requireCipher(cipher);
    const token = input.token;
    return {
      resolve,
      access: {
        ownerId: user.id,
        credential: { username: input.username || "x-access-token", password: token },
        credentialId: null,
        store: async (trx) =>
          (await saveCredential(trx, sealer, {
            userId: user.id,
            host,
            kind: "submission",
            token,
            username: input.username,
          })).id,
      },
    };
  }
  const stored = user && cipher ? await accountCredentialId(db, user.id, host) : null;
  if (!user || !cipher || !stored) return { access: null, resolve };
  // Without a token first: a repository that answers is public, and its analysis is shared.
  let commit: string | null;
  try {
    commit = await resolve(input.repo.url, input.ref);
  } catch (error) {
    if (!(error instanceof AnalysisError) || !["auth_required", "repo_not_found"].includes(error.code)) {
      return { access: null, resolve };
    }
    const credential = await openCredential(db, cipher, stored);
    if (!credential) return { access: null, resolve };
    return { resolve, access: { ownerId: user.id, credential, credentialId: stored } };
  }
  return {
    access: null,
    resolve: (url, ref, credential) => credential ? resolve(url, ref, credential) : Promise.resolve(commit),
  };
}
