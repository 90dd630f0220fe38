/**
 * Encryption of the repository tokens users store (AES-256-GCM, WebCrypto).
 * The first configured key seals, every configured key opens: an operator
 * rotates by putting a new key first and keeping the old one until every row
 * has been sealed again (`isStale`).
 */
import path from "node:path";
import type { Config } from "../env.ts";
import { keepSecretFile } from "../secrets.ts";

/** A token as stored: which key sealed it, the nonce, and the ciphertext with its GCM tag. */
export interface SealedSecret {
  keyId: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

/** Why a key or a sealed token is unusable; the message never holds a key or a token. */
export class CredentialError extends Error {
  constructor(readonly code: "unknown_key" | "tampered" | "bad_key", message: string) {
    super(message);
    this.name = "CredentialError";
  }
}

const KEY_BYTES = 32;
const IV_BYTES = 12;

/** Seals and opens stored tokens with the configured keys. */
export class CredentialCipher {
  private constructor(private readonly keys: Map<string, CryptoKey>, readonly currentKeyId: string) {}

  /**
   * The cipher for CREDENTIALS_KEYS; without it a key kept in DATA_DIR outside
   * production, and null in production (storing tokens is then off).
   */
  static async fromConfig(config: Config): Promise<CredentialCipher | null> {
    if (config.CREDENTIALS_KEYS) {
      return await CredentialCipher.fromKeys(
        config.CREDENTIALS_KEYS.split(",").map((text, index) =>
          decodeKey(text, `The ${ordinal(index + 1)} key of CREDENTIALS_KEYS`)
        ),
      );
    }
    if (config.DENO_ENV === "production") return null;
    const file = path.resolve(config.DATA_DIR, "credentials-key");
    const text = await keepSecretFile(file, () => crypto.getRandomValues(new Uint8Array(KEY_BYTES)).toBase64());
    return await CredentialCipher.fromKeys([
      decodeKey(text, `The key in ${file} (tokens sealed with it open only with it: restore it rather than delete it)`),
    ]);
  }

  /** A cipher over raw 32-byte keys: the first seals, all open. */
  static async fromKeys(keys: Uint8Array[]): Promise<CredentialCipher> {
    if (!keys.length) throw new CredentialError("bad_key", "No credentials key was given");
    const imported = new Map<string, CryptoKey>();
    let currentKeyId = "";
    for (const [index, key] of keys.entries()) {
      if (key.length !== KEY_BYTES) {
        throw new CredentialError(
          "bad_key",
          `The ${
            ordinal(index + 1)
          } credentials key is ${key.length} bytes long; each must be ${KEY_BYTES} random bytes`,
        );
      }
      const raw = new Uint8Array(key);
      const id = await keyIdOf(raw);
      if (index === 0) currentKeyId = id;
      if (!imported.has(id)) {
        imported.set(id, await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]));
      }
    }
    return new CredentialCipher(imported, currentKeyId);
  }

  /** `context` is bound as AES-GCM additional data (e.g. "user:<id>:host:github.com"): a ciphertext moved to another row does not open. */
  async seal(plaintext: string, context: string): Promise<SealedSecret> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const ciphertext = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
      this.keys.get(this.currentKeyId)!,
      encoder.encode(plaintext),
    );
    return { keyId: this.currentKeyId, iv, ciphertext: new Uint8Array(ciphertext) };
  }

  /** The token sealed in `sealed` for `context`; throws a CredentialError ("unknown_key" or "tampered"). */
  async open(sealed: SealedSecret, context: string): Promise<string> {
    const key = this.keys.get(sealed.keyId);
    if (!key) {
      throw new CredentialError(
        "unknown_key",
        `The token was sealed with a key this server no longer has (key id ${sealed.keyId}); it must be entered again`,
      );
    }
    try {
      const plaintext = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: new Uint8Array(sealed.iv), additionalData: encoder.encode(context) },
        key,
        new Uint8Array(sealed.ciphertext),
      );
      return new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
    } catch {
      // GCM says only "does not authenticate": altered bytes, another row's context or a wrong nonce.
      throw new CredentialError(
        "tampered",
        "The stored token does not open: it was altered or belongs to another record; it must be entered again",
      );
    }
  }

  /** True when `keyId` is not the current (first) key: the row should be sealed again. */
  isStale(keyId: string): boolean {
    return keyId !== this.currentKeyId;
  }
}

const encoder = new TextEncoder();

/** The first 16 hex digits of SHA-256 of the raw key: names a key without revealing it. */
async function keyIdOf(raw: Uint8Array<ArrayBuffer>): Promise<string> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", raw)).slice(0, 8).toHex();
}

/** A key written in standard or url-safe base64, padded or not; `name` says which key in an error. */
function decodeKey(text: string, name: string): Uint8Array {
  let key: Uint8Array | null = null;
  try {
    key = Uint8Array.fromBase64(text.trim().replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    // Reported below, without the text.
  }
  if (key?.length !== KEY_BYTES) {
    throw new CredentialError("bad_key", `${name} is not base64 of ${KEY_BYTES} random bytes`);
  }
  return key;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}
