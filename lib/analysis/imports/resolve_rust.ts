import { fileOr, type Resolution, toExternal, UNRESOLVED } from "./resolution.ts";
import type { RawImport } from "./raw_import.ts";
import { ancestors, basename, child, dirname } from "./repo_paths.ts";
import { firstExisting, type ResolverContext } from "./resolver_context.ts";

const BUILTIN_CRATES = new Set(["std", "core", "alloc", "proc_macro", "test"]);
// Files whose child modules sit next to them rather than in a folder named after them.
const FOLDER_OWNERS = new Set(["mod.rs", "lib.rs", "main.rs"]);

/**
 * Rust (kind `use`). Convention: the parser hands `mod x;` over as module `mod:x` (`mod x` is
 * accepted too), `use a::b::C;` as `a::b::C` and `extern crate a;` as `a`; ` as …`, `::{…}`
 * and `::*` tails are ignored.
 * - `mod:x` in `lib.rs`, `main.rs` or `mod.rs` → `x.rs` or `x/mod.rs` next to it; in any other
 *   `foo.rs` → `foo/x.rs` or `foo/x/mod.rs`, then next to it (crate roots such as `src/bin/a.rs`
 *   or `tests/a.rs`); missing → unresolved.
 * - `crate::a::b::C` → from the crate's `src/` (nearest folder with a Cargo.toml, else the nearest
 *   `src`): the longest of `a/b/C`, `a/b`, `a` that is `<p>.rs` or `<p>/mod.rs`, else the crate
 *   root `lib.rs`/`main.rs`. `self::…` and `super::…` (each `super` one module up) work the
 *   same from the importing module's folder, falling back to that module's own file.
 * - A first segment naming a child module of the importing module (2018 paths) works as `self::`;
 *   one naming a workspace crate (Cargo.toml `[package] name`, `-` read as `_`) as that crate's `crate::`.
 * - Otherwise external with the crate name: `std`, `core`, `alloc`, `serde` (from `serde::Serialize`).
 * - A path that only lands in the importing file itself (e.g. an inline `mod`) → unresolved: no edge.
 */
export function resolveRust(context: ResolverContext, fromPath: string, raw: RawImport): Resolution {
  const text = raw.module.trim();
  const declared = text.match(/^mod[:\s]\s*([A-Za-z_][A-Za-z0-9_]*)/);
  if (declared) return fileOr(declaredModule(context, fromPath, declared[1]), UNRESOLVED);
  const path = text.replace(/^(pub(\([^)]*\))?\s+)?(use|extern\s+crate)\s+/, "").replace(/\s+as\s+.*$/, "")
    .replace(/;$/, "").replace(/::\s*(\{.*|\*)$/, "").replace(/^::/, "");
  const segments = path.split("::").map((s) => s.trim()).filter((s) => s !== "");
  if (segments.length === 0) return UNRESOLVED;
  const [first, ...rest] = segments;
  const here = moduleFolder(fromPath);
  let found: string | null;
  if (first === "crate") found = fromFolder(context, crateSource(context, fromPath), rest);
  else if (first === "self") found = fromFolder(context, here, rest);
  else if (first === "super") {
    let folder = dirname(here);
    for (; rest[0] === "super"; rest.shift()) folder = dirname(folder);
    found = fromFolder(context, folder, rest);
  } else if (BUILTIN_CRATES.has(first)) return toExternal(first);
  else if (childModule(context, here, first)) found = fromFolder(context, here, segments);
  else if (context.rustCrates.has(first)) {
    found = fromFolder(context, child(context.rustCrates.get(first)!, "src"), rest);
  } else return toExternal(first);
  return fileOr(found === fromPath ? null : found, UNRESOLVED);
}

// The folder holding a module file's child modules: `a/` for `a/mod.rs` and `a/lib.rs`, `a/b/` for `a/b.rs`.
function moduleFolder(file: string): string {
  return FOLDER_OWNERS.has(basename(file)) ? dirname(file) : file.replace(/\.rs$/, "");
}

function declaredModule(context: ResolverContext, fromPath: string, name: string): string | null {
  const own = moduleFolder(fromPath);
  return childModule(context, own, name) ?? childModule(context, dirname(fromPath), name);
}

function childModule(context: ResolverContext, folder: string, name: string): string | null {
  const base = child(folder, name);
  return firstExisting(context, [`${base}.rs`, `${base}/mod.rs`]);
}

function fromFolder(context: ResolverContext, folder: string, segments: string[]): string | null {
  for (let length = segments.length; length >= 1; length--) {
    const found = childModule(context, folder, segments.slice(0, length).join("/"));
    if (found) return found;
  }
  return firstExisting(context, [
    child(folder, "mod.rs"),
    `${folder}.rs`,
    child(folder, "lib.rs"),
    child(folder, "main.rs"),
  ]);
}

function crateSource(context: ResolverContext, fromPath: string): string {
  const folders = [...ancestors(dirname(fromPath))];
  const crate = folders.find((dir) => context.paths.has(child(dir, "Cargo.toml")));
  if (crate !== undefined) return child(crate, "src");
  return folders.find((dir) => basename(dir) === "src") ?? dirname(fromPath);
}
