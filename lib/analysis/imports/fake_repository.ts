import type { ImportKind } from "./raw_import.ts";
import { resolveImports } from "./resolve_imports.ts";
import { createResolverContext, type ResolverContext } from "./resolver_context.ts";

/** A resolver context over an in-memory repository (path → text, or bare paths), for tests. */
export function contextFor(files: Record<string, string> | string[]): Promise<ResolverContext> {
  const texts: Record<string, string> = Array.isArray(files) ? Object.fromEntries(files.map((p) => [p, ""])) : files;
  return createResolverContext(Object.keys(texts), (path) => Promise.resolve(texts[path] ?? null));
}

/** Resolves one import of `fromPath` and returns `[target, external]`, for compact test tables. */
export function resolveOne(
  context: ResolverContext,
  fromPath: string,
  language: string,
  module: string,
  kind: ImportKind = "import",
): [string | null, string | null] {
  const [resolved] = resolveImports(context, fromPath, language, [{ module, line: 1, kind }]);
  return [resolved.target, resolved.external];
}
