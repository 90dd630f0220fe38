import assert from "node:assert/strict";
import { createTestDatabase } from "../../tests/support/database.ts";
import { CredentialCipher, CredentialError } from "./cipher.ts";
import { listCredentials, openCredential, resealCredentials, saveCredential } from "./store.ts";

const key = () => crypto.getRandomValues(new Uint8Array(32));

Deno.test("[credentials] tokens are sealed per row, replaced per host, and sealed again after a key rotation", async () => {
  const database = await createTestDatabase();
  const db = database.db;
  try {
    const [oldKey, newKey] = [key(), key()];
    const before = await CredentialCipher.fromKeys([oldKey]);
    const user = await db.insertInto("users").values({ email: "a@example.com", password_hash: "x" })
      .returning("id").executeTakeFirstOrThrow();
    const first = await saveCredential(db, before, {
      userId: user.id,
      host: "GitHub.com",
      kind: "account",
      token: "t1",
    });
    const second = await saveCredential(db, before, {
      userId: user.id,
      host: "github.com",
      kind: "account",
      token: "t2",
    });
    assert.deepEqual((await listCredentials(db, user.id)).map((c) => c.id), [second.id], "one account token per host");
    assert.equal(first.host, "github.com");
    const github = { userId: user.id, host: "github.com" };
    assert.deepEqual(await openCredential(db, before, second.id, github), {
      username: "x-access-token",
      password: "t2",
    });
    // Only for its own user and host: an analysis pointing at someone else's token gets nothing.
    assert.equal(
      await openCredential(db, before, second.id, { userId: crypto.randomUUID(), host: "github.com" }),
      null,
    );
    assert.equal(await openCredential(db, before, second.id, { userId: user.id, host: "evil.example" }), null);

    // A ciphertext copied onto another row does not open there (it is bound to its row).
    const other = await saveCredential(db, before, {
      userId: user.id,
      host: "gitlab.com",
      kind: "account",
      token: "t3",
    });
    const stolen = await db.selectFrom("repo_credentials").selectAll().where("id", "=", second.id)
      .executeTakeFirstOrThrow();
    await db.updateTable("repo_credentials").set({ iv: stolen.iv, ciphertext: stolen.ciphertext })
      .where("id", "=", other.id).execute();
    await assert.rejects(
      openCredential(db, before, other.id, { userId: user.id, host: "gitlab.com" }),
      (e) => e instanceof CredentialError,
    );
    await db.deleteFrom("repo_credentials").where("id", "=", other.id).execute();

    // Rotation: the new key first, the old one still listed; reseal; then the old key can go.
    const rotating = await CredentialCipher.fromKeys([newKey, oldKey]);
    assert.equal(await resealCredentials(db, rotating), 1);
    assert.equal(await resealCredentials(db, rotating), 0, "nothing left on the old key");
    const after = await CredentialCipher.fromKeys([newKey]);
    assert.equal((await openCredential(db, after, second.id, github))?.password, "t2");
  } finally {
    await database.drop();
  }
});
