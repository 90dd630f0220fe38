import assert from "node:assert/strict";
import { AppError } from "../errors.ts";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "./passwords.ts";

async function refusal(password: string, email = "ada@example.com"): Promise<string | null> {
  try {
    await checkPasswordPolicy(password, email);
    return null;
  } catch (error) {
    assert.ok(error instanceof AppError && error.field === "password");
    return error.message;
  }
}

Deno.test("[auth] the password policy refuses short, common, e-mail-like and over-long passwords", async () => {
  assert.match((await refusal("short1"))!, /at least 10 characters/);
  assert.match((await refusal("1234567890"))!, /most common/);
  assert.match((await refusal("qwertyuiop"))!, /most common/);
  assert.match((await refusal("Password123"))!, /most common/);
  assert.match((await refusal("ada@example.com"))!, /e-mail/);
  assert.match((await refusal("xx-lovelace-ada-xx", "lovelace@example.com"))!, /e-mail/);
  assert.match((await refusal("aaaaaaaaaaaaaa"))!, /too few characters/);
  assert.match((await refusal("é".repeat(40)))!, /at most 72 bytes/);
  assert.equal(await refusal("violet kettle harbour"), null);
  assert.equal(await refusal("tr0ub4dor&3-horse"), null);
});

Deno.test("[auth] bcrypt hashes verify, wrong passwords and unknown users do not", async () => {
  const stored = await hashPassword("violet kettle harbour");
  assert.match(stored, /^\$2[aby]\$12\$/);
  assert.equal(await verifyPassword("violet kettle harbour", stored), true);
  assert.equal(await verifyPassword("violet kettle harbor", stored), false);
  assert.equal(await verifyPassword("violet kettle harbour", null), false);
});
