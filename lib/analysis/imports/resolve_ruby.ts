import { fileOr, type Resolution, toExternal, UNRESOLVED } from "./resolution.ts";
import type { RawImport } from "./raw_import.ts";
import { ancestors, child, dirname, joinPath } from "./repo_paths.ts";
import { firstExisting, type ResolverContext } from "./resolver_context.ts";

/**
 * Ruby:
 * - `require_relative "x"` → `x` (then `x.rb`) relative to the requiring file; missing → unresolved.
 * - `require "x"` / `load "x"` → `lib/x.rb` in the nearest folder above the requiring file
 *   that has it (the repository root's `lib/` last; gems in a monorepo keep their own `lib/`),
 *   then `x.rb` at the repository root; else external gem name, the first segment
 *   (`active_support` from `active_support/core_ext`).
 * - `require "./x"` (relative to the working directory) → from the repository root, then from
 *   the requiring file's folder; missing → unresolved.
 */
export function resolveRuby(context: ResolverContext, fromPath: string, raw: RawImport): Resolution {
  const name = raw.module.trim();
  if (name === "") return UNRESOLVED;
  const folder = dirname(fromPath);
  if (raw.kind === "require_relative") return fileOr(rubyFile(context, [joinPath(folder, name)]), UNRESOLVED);
  if (name.startsWith(".") || name.startsWith("/")) {
    return fileOr(rubyFile(context, [joinPath("", name), joinPath(folder, name)]), UNRESOLVED);
  }
  const inLib = [...ancestors(folder)].map((dir) => child(child(dir, "lib"), name));
  return fileOr(rubyFile(context, [...inLib, name]), toExternal(name.split("/")[0]));
}

function rubyFile(context: ResolverContext, bases: (string | null)[]): string | null {
  const candidates = bases.filter((b): b is string => b !== null)
    .flatMap((base) => (base.endsWith(".rb") ? [base] : [`${base}.rb`, base]));
  return firstExisting(context, candidates);
}
