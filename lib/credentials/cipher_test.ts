import assert from "node:assert/strict";
import path from "node:path";
import { parseConfig } from "../env.ts";
import { CredentialCipher, CredentialError, type SealedSecret } from "./cipher.ts";

const TOKEN = "ghp_aVeryPrivateTokenOf36Characters00";
const CONTEXT = "user:1:host:github.com";

const randomKey = () => crypto.getRandomValues(new Uint8Array(32));

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "no error";
  } catch (error) {
    assert.ok(error instanceof CredentialError, String(error));
    assert.ok(!error.message.includes(TOKEN), error.message);
    return error.code;
  }
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

Deno.test("[credentials] a sealed token opens with its context, and only with it", async () => {
  const cipher = await CredentialCipher.fromKeys([randomKey()]);
  const sealed = await cipher.seal(TOKEN, CONTEXT);
  assert.equal(await cipher.open(sealed, CONTEXT), TOKEN);
  assert.equal(sealed.iv.length, 12);
  assert.ok(!contains(sealed.ciphertext, new TextEncoder().encode(TOKEN)));
  assert.ok(!contains(sealed.ciphertext, new TextEncoder().encode(TOKEN.slice(0, 8))));
  // A fresh nonce each time: the same token never gives the same bytes twice.
  const again = await cipher.seal(TOKEN, CONTEXT);
  assert.notDeepEqual(again.iv, sealed.iv);
  assert.notDeepEqual(again.ciphertext, sealed.ciphertext);
  assert.equal(await errorCode(cipher.open(sealed, "user:2:host:github.com")), "tampered");
});

Deno.test("[credentials] a flipped bit of a stored token is found out", async () => {
  const cipher = await CredentialCipher.fromKeys([randomKey()]);
  const sealed = await cipher.seal(TOKEN, CONTEXT);
  const flip = (bytes: Uint8Array, at: number) => {
    const copy = new Uint8Array(bytes);
    copy[at] ^= 1;
    return copy;
  };
  assert.equal(
    await errorCode(cipher.open({ ...sealed, ciphertext: flip(sealed.ciphertext, 3) }, CONTEXT)),
    "tampered",
  );
  assert.equal(await errorCode(cipher.open({ ...sealed, iv: flip(sealed.iv, 0) }, CONTEXT)), "tampered");
  const tag = sealed.ciphertext.length - 1;
  assert.equal(
    await errorCode(cipher.open({ ...sealed, ciphertext: flip(sealed.ciphertext, tag) }, CONTEXT)),
    "tampered",
  );
});

Deno.test("[credentials] after a rotation old tokens still open, are stale, and open no more once the old key goes", async () => {
  const [a, b] = [randomKey(), randomKey()];
  const sealed: SealedSecret = await (await CredentialCipher.fromKeys([a])).seal(TOKEN, CONTEXT);
  const rotating = await CredentialCipher.fromKeys([b, a]);
  assert.equal(await rotating.open(sealed, CONTEXT), TOKEN);
  assert.equal(rotating.isStale(sealed.keyId), true);
  const resealed = await rotating.seal(TOKEN, CONTEXT);
  assert.equal(rotating.isStale(resealed.keyId), false);
  assert.notEqual(resealed.keyId, sealed.keyId);
  assert.match(resealed.keyId, /^[0-9a-f]{16}$/);
  const rotated = await CredentialCipher.fromKeys([b]);
  assert.equal(await rotated.open(resealed, CONTEXT), TOKEN);
  assert.equal(await errorCode(rotated.open(sealed, CONTEXT)), "unknown_key");
});

Deno.test("[credentials] CREDENTIALS_KEYS takes standard and url-safe base64 and names a bad key without showing it", async () => {
  const [a, b] = [randomKey(), randomKey()];
  const sealed = await (await CredentialCipher.fromKeys([a])).seal(TOKEN, CONTEXT);
  const keys = `${b.toBase64({ alphabet: "base64url", omitPadding: true })},${a.toBase64()}`;
  const cipher = await CredentialCipher.fromConfig(parseConfig({ CREDENTIALS_KEYS: keys }));
  assert.equal(await cipher!.open(sealed, CONTEXT), TOKEN);
  assert.equal(cipher!.isStale(sealed.keyId), true);

  const short = randomKey().slice(0, 31).toBase64();
  try {
    await CredentialCipher.fromConfig(parseConfig({ CREDENTIALS_KEYS: `${a.toBase64()},${short}` }));
    assert.fail("a 31-byte key was accepted");
  } catch (error) {
    assert.ok(error instanceof CredentialError);
    assert.equal(error.code, "bad_key");
    assert.match(error.message, /2nd key of CREDENTIALS_KEYS/);
    assert.ok(!error.message.includes(short) && !error.message.includes(a.toBase64()), error.message);
  }
  await assert.rejects(CredentialCipher.fromKeys([a, a, new Uint8Array(16)]), /3rd credentials key is 16 bytes/);
});

Deno.test("[credentials] without keys, development makes one key file (0600) and keeps using it", async () => {
  const dataDir = await Deno.makeTempDir();
  try {
    const config = parseConfig({ DATA_DIR: dataDir });
    // Two processes starting at once end up with the same key.
    const [first, second] = await Promise.all([
      CredentialCipher.fromConfig(config),
      CredentialCipher.fromConfig(config),
    ]);
    const file = path.join(dataDir, "credentials-key");
    assert.equal((await Deno.stat(file)).mode! & 0o777, 0o600);
    const sealed = await first!.seal(TOKEN, CONTEXT);
    assert.equal(await second!.open(sealed, CONTEXT), TOKEN);
    const text = await Deno.readTextFile(file);
    const later = await CredentialCipher.fromConfig(config);
    assert.equal(await later!.open(sealed, CONTEXT), TOKEN);
    assert.equal(await Deno.readTextFile(file), text);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("[credentials] production without keys has no cipher, and writes no key file", async () => {
  const dataDir = await Deno.makeTempDir();
  try {
    const config = parseConfig({ DATA_DIR: dataDir, DENO_ENV: "production", SESSION_SECRET: "s".repeat(32) });
    assert.equal(await CredentialCipher.fromConfig(config), null);
    assert.deepEqual(await Array.fromAsync(Deno.readDir(dataDir)), []);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
