import type { ImportKind, RawImport } from "./raw_import.ts";
import { type LanguageResolver, UNRESOLVED } from "./resolution.ts";
import { resolveC } from "./resolve_c.ts";
import { resolveCsharp } from "./resolve_csharp.ts";
import { resolveGo } from "./resolve_go.ts";
import { resolveJava } from "./resolve_java.ts";
import { resolveJs } from "./resolve_js.ts";
import { resolvePhp } from "./resolve_php.ts";
import { resolvePython } from "./resolve_python.ts";
import { resolveRuby } from "./resolve_ruby.ts";
import { resolveRust } from "./resolve_rust.ts";
import type { ResolverContext } from "./resolver_context.ts";

/**
 * One import after resolution: `target` is a repository path (a file → file edge), `external`
 * names a dependency outside the repository; both null means unresolved (a local path or
 * module that is not in the repository, or a language we do not resolve).
 */
export interface ResolvedImport {
  module: string;
  line: number;
  kind: ImportKind;
  target: string | null;
  external: string | null;
}

// Keyed by the language names of ../languages.ts; the rules live on each resolver.
const RESOLVERS: Record<string, LanguageResolver> = {
  "JavaScript": resolveJs,
  "TypeScript": resolveJs,
  "TSX": resolveJs,
  "Python": resolvePython,
  "Go": resolveGo,
  "Java": resolveJava,
  "Rust": resolveRust,
  "C": resolveC,
  "C++": resolveC,
  "C/C++ Header": resolveC,
  "Ruby": resolveRuby,
  "PHP": resolvePhp,
  "C#": resolveCsharp,
};

/**
 * Resolves the raw imports of `fromPath` (written in `language`) in input order; each costs a
 * few index look-ups, never a scan of the repository. Imports of other languages stay unresolved.
 */
export function resolveImports(
  context: ResolverContext,
  fromPath: string,
  language: string,
  imports: RawImport[],
): ResolvedImport[] {
  const resolve = RESOLVERS[language];
  return imports.map((raw) => {
    const { target, external } = resolve ? resolve(context, fromPath, raw) : UNRESOLVED;
    return { module: raw.module, line: raw.line, kind: raw.kind, target, external };
  });
}
