import assert from "node:assert/strict";
import { contextFor, resolveOne } from "./fake_repository.ts";

const FILES: Record<string, string> = {
  "Cargo.toml": '[package]\nname = "my-app"\n',
  "src/main.rs": "",
  "src/lib.rs": "",
  "src/config.rs": "",
  "src/net/mod.rs": "",
  "src/net/tcp.rs": "",
  "src/db.rs": "",
  "src/db/pool.rs": "",
  "src/bin/tool.rs": "",
  "tests/it.rs": "",
  "tests/common/mod.rs": "",
  "crates/helpers/Cargo.toml": '[package]\nname = "helpers-lib"\n',
  "crates/helpers/src/lib.rs": "",
  "crates/helpers/src/fmt.rs": "",
};

type Case = [from: string, module: string, target: string | null, external: string | null];

async function check(cases: Case[]): Promise<void> {
  const context = await contextFor(FILES);
  for (const [from, module, target, external] of cases) {
    assert.deepEqual(resolveOne(context, from, "Rust", module, "use"), [target, external], `${from}: ${module}`);
  }
}

Deno.test("[imports] Rust mod:x finds x.rs or x/mod.rs in the module's folder", () =>
  check([
    ["src/main.rs", "mod:config", "src/config.rs", null],
    ["src/lib.rs", "mod config", "src/config.rs", null],
    ["src/main.rs", "mod:net", "src/net/mod.rs", null],
    ["src/net/mod.rs", "mod:tcp", "src/net/tcp.rs", null],
    ["src/db.rs", "mod:pool", "src/db/pool.rs", null],
    ["tests/it.rs", "mod:common", "tests/common/mod.rs", null],
  ]));

Deno.test("[imports] Rust mod:x without a file stays unresolved", () =>
  check([["src/main.rs", "mod:missing", null, null], ["src/db.rs", "mod:missing", null, null]]));

Deno.test("[imports] Rust crate::, self:: and super:: paths resolve to the deepest module file", () =>
  check([
    ["src/net/tcp.rs", "crate::config::Settings", "src/config.rs", null],
    ["src/main.rs", "crate::net::tcp::Stream", "src/net/tcp.rs", null],
    ["src/main.rs", "crate::db::{pool, Other}", "src/db.rs", null],
    ["src/main.rs", "crate::config::*", "src/config.rs", null],
    ["src/net/tcp.rs", "crate::Thing", "src/lib.rs", null],
    ["src/net/tcp.rs", "super::Net", "src/net/mod.rs", null],
    ["src/net/tcp.rs", "super::super::config", "src/config.rs", null],
    ["src/db.rs", "self::pool::Pool", "src/db/pool.rs", null],
    ["src/db.rs", "self::inline::X", null, null],
    ["src/main.rs", "config::load", "src/config.rs", null],
    ["src/bin/tool.rs", "helpers_lib::fmt::pretty", "crates/helpers/src/fmt.rs", null],
  ]));

Deno.test("[imports] Rust std, core, alloc and other crates are external by crate name", () =>
  check([
    ["src/main.rs", "std::collections::HashMap", null, "std"],
    ["src/main.rs", "core::fmt", null, "core"],
    ["src/main.rs", "alloc::vec::Vec", null, "alloc"],
    ["src/main.rs", "serde::Serialize", null, "serde"],
    ["src/main.rs", "tokio::{self, sync}", null, "tokio"],
    ["src/main.rs", "serde_json as json", null, "serde_json"],
    ["src/main.rs", "extern crate libc", null, "libc"],
    ["src/main.rs", "::log::info", null, "log"],
  ]));
