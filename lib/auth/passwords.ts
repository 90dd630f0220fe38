/**
 * Passwords: a length policy and a check against the most common passwords
 * (zxcvbn's list of 49,000), hashed with bcrypt at cost 12 off the event loop.
 */
import { hash, verify } from "@node-rs/bcrypt";
import { invalidField } from "../errors.ts";

/** bcrypt's work factor: ~220 ms per hash on one core of the reference machine. */
export const BCRYPT_COST = 12;
/** Shorter passwords are refused. */
export const MIN_PASSWORD_LENGTH = 10;
/** bcrypt reads 72 bytes; a longer password would be cut silently, so it is refused instead. */
export const MAX_PASSWORD_BYTES = 72;

let common: Promise<Set<string>> | undefined;

/** The common-password list, loaded on first use (it is 380 KB of compressed words). */
function commonPasswords(): Promise<Set<string>> {
  return common ??= import("@zxcvbn-ts/language-common").then(({ dictionary }) =>
    new Set(dictionary["passwords-common"].map((word: string) => word.toLowerCase()))
  );
}

/** Throws a 400 naming `password` when it is too short, too long, common, or the e-mail itself. */
export async function checkPasswordPolicy(password: string, email: string): Promise<void> {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw invalidField("password", `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) {
    throw invalidField("password", `must be at most ${MAX_PASSWORD_BYTES} bytes`);
  }
  const lower = password.toLowerCase();
  const local = email.toLowerCase().split("@")[0];
  if (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local))) {
    throw invalidField("password", "must not contain your e-mail address");
  }
  if (new Set(password).size < 4) throw invalidField("password", "repeats too few characters; choose another");
  if ((await commonPasswords()).has(lower)) {
    throw invalidField("password", "is one of the most common passwords; choose another");
  }
}

/** The bcrypt hash of `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, BCRYPT_COST);
}

/** A cost-12 bcrypt hash, verified for unknown addresses only to spend the same time (the answer is false anyway). */
const DECOY_HASH = "$2b$12$tfxNmBmM2R6tswC8BelQ.e.m0NETtLi0okuPnzuLmlLFHjlrDk3Ua";

/**
 * Whether `password` matches `passwordHash`. With no hash (no such user) a
 * decoy hash is checked all the same, so the answer takes as long either way
 * and response times do not tell which e-mail addresses have accounts.
 */
export async function verifyPassword(password: string, passwordHash: string | null): Promise<boolean> {
  if (passwordHash === null) {
    await verify(password, DECOY_HASH);
    return false;
  }
  return await verify(password, passwordHash);
}
