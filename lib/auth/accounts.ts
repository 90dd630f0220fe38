/** Accounts: sign-up and the password check of a login. */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "./passwords.ts";

/** A user as the API shows them. */
export interface UserView {
  id: string;
  email: string;
  createdAt: string;
}

/** Creates an account; 409 `email_taken` when the address (any case) has one. */
export async function signUp(db: Kysely<Database>, input: { email: string; password: string }): Promise<UserView> {
  const email = input.email.trim();
  await checkPasswordPolicy(input.password, email);
  const taken = await findByEmail(db, email);
  if (taken) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await db.insertInto("users").values({ email, password_hash: passwordHash })
      .returning(["id", "email", "created_at"]).executeTakeFirstOrThrow();
    return { id: row.id, email: row.email, createdAt: row.created_at.toISOString() };
  } catch (error) {
    // Two sign-ups of one address at once: the unique index decides.
    if ((error as { code?: string }).code === "23505") throw emailTaken();
    throw error;
  }
}

/** The account whose password this is, or a 401 that does not say which of the two was wrong. */
export async function logIn(db: Kysely<Database>, input: { email: string; password: string }): Promise<UserView> {
  const row = await findByEmail(db, input.email.trim());
  const ok = await verifyPassword(input.password, row?.password_hash ?? null);
  if (!row || !ok) throw new AppError(401, "invalid_credentials", "Wrong e-mail address or password");
  return { id: row.id, email: row.email, createdAt: row.created_at.toISOString() };
}

/** One user, by id. */
export async function findUser(db: Kysely<Database>, id: string): Promise<UserView | null> {
  const row = await db.selectFrom("users").select(["id", "email", "created_at"]).where("id", "=", id)
    .executeTakeFirst();
  return row ? { id: row.id, email: row.email, createdAt: row.created_at.toISOString() } : null;
}

function findByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom("users").select(["id", "email", "password_hash", "created_at"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase())).executeTakeFirst();
}

function emailTaken(): AppError {
  return new AppError(409, "email_taken", "An account with this e-mail address exists; log in instead", "email");
}
