import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "./env.ts";

Deno.test("[env] defaults give a working development configuration", () => {
  const config = parseConfig({});
  assert.equal(config.PORT, 8000);
  assert.equal(config.ROLE, "all");
  assert.equal(config.DATABASE_URL, undefined, "unset means the embedded Postgres");
  assert.equal(config.ALLOW_LOCAL_REPOS, false);
  assert.ok(Object.isFrozen(config));
});

Deno.test("[env] a bad value fails fast with a message naming each variable", () => {
  assert.throws(
    () => parseConfig({ PORT: "eighty", ROLE: "both", DATABASE_URL: "mysql://x/y", ALLOW_LOCAL_REPOS: "yes" }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      for (const name of ["PORT", "ROLE", "DATABASE_URL", "ALLOW_LOCAL_REPOS"]) {
        assert.match(error.message, new RegExp(`^  ${name}: `, "m"), name);
      }
      return true;
    },
  );
});

Deno.test("[env] production refuses to start without a session secret", () => {
  assert.throws(() => parseConfig({ DENO_ENV: "production" }), /SESSION_SECRET: required when DENO_ENV=production/);
  const secret = "s".repeat(32);
  assert.equal(parseConfig({ DENO_ENV: "production", SESSION_SECRET: secret }).SESSION_SECRET, secret);
});

Deno.test("[env] empty strings count as unset", () => {
  assert.equal(parseConfig({ DATABASE_URL: "", PORT: "" }).PORT, 8000);
});
