import assert from "node:assert/strict";
import { createTestDatabase } from "../../tests/support/database.ts";
import type { CurrentUser } from "../auth/current_user.ts";
import { CredentialCipher } from "../credentials/cipher.ts";
import { saveCredential } from "../credentials/store.ts";
import { AppError } from "../errors.ts";
import type { GitCredential } from "../git/run_git.ts";
import { AnalysisError } from "./analysis_error.ts";
import { choosePrivateAccess } from "./private_access.ts";
import type { ResolveRef } from "./submit.ts";

const HEAD = "a".repeat(40);
const repo = { url: "https://git.example.com/team/app", displayName: "team/app", kind: "remote" as const };

/** A server that answers anonymous visitors (public) or only the right token (private); records who asked. */
function server(kind: "public" | "private" | "down") {
  const asked: (string | null)[] = [];
  const resolve: ResolveRef = (_url, _ref, credential?: GitCredential) => {
    asked.push(credential?.password ?? null);
    if (kind === "down") return Promise.reject(new AnalysisError("host_unreachable", "down", { transient: true }));
    if (kind === "private" && credential?.password !== "good") {
      return Promise.reject(new AnalysisError("auth_required", "asks for credentials"));
    }
    return Promise.resolve(HEAD);
  };
  return { resolve, asked };
}

Deno.test("[private] a token is used only for a repository that refuses anonymous visitors", async () => {
  const database = await createTestDatabase();
  const db = database.db;
  try {
    const cipher = await CredentialCipher.fromKeys([crypto.getRandomValues(new Uint8Array(32))]);
    const row = await db.insertInto("users").values({ email: "u@example.com", password_hash: "x" })
      .returning("id").executeTakeFirstOrThrow();
    const user: CurrentUser = { id: row.id, email: "u@example.com", via: "cookie", sessionId: null };

    // A public repository: the token given is neither used nor stored; the analysis is public.
    const open = server("public");
    const publicChoice = await choosePrivateAccess(db, cipher, open.resolve, { user, repo, ref: null, token: "good" });
    assert.equal(publicChoice.access, null);
    assert.equal(await publicChoice.resolve(repo.url, null), HEAD, "the answer already obtained");
    assert.deepEqual(open.asked, [null]);

    // A private one: the token is the way in (and proof of access).
    const closed = server("private");
    const privateChoice = await choosePrivateAccess(db, cipher, closed.resolve, {
      user,
      repo,
      ref: HEAD, // a full commit id proves nothing: the default branch is asked
      token: "good",
    });
    assert.equal(privateChoice.access?.ownerId, user.id);
    assert.equal(privateChoice.access?.credential?.password, "good");
    assert.deepEqual(closed.asked, [null]);

    // Anonymous with a token: 401. A host that cannot be reached: 503, never "public" by default.
    await assert.rejects(
      choosePrivateAccess(db, cipher, closed.resolve, { user: null, repo, ref: null, token: "good" }),
      (e) => e instanceof AppError && e.status === 401,
    );
    await assert.rejects(
      choosePrivateAccess(db, cipher, server("down").resolve, { user, repo, ref: null, token: "good" }),
      (e) => e instanceof AppError && e.status === 503,
    );

    // An account token whose key is gone: a 409 telling to add it again, not a 500.
    await saveCredential(db, cipher, { userId: user.id, host: "git.example.com", kind: "account", token: "good" });
    const account = await choosePrivateAccess(db, cipher, server("private").resolve, { user, repo, ref: null });
    assert.equal(account.access?.credential?.password, "good");
    const rotatedAway = await CredentialCipher.fromKeys([crypto.getRandomValues(new Uint8Array(32))]);
    await assert.rejects(
      choosePrivateAccess(db, rotatedAway, server("private").resolve, { user, repo, ref: null }),
      (e) => e instanceof AppError && e.status === 409 && e.code === "credential_unreadable",
    );
  } finally {
    await database.drop();
  }
});
