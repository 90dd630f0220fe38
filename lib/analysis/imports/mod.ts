/**
 * Import resolution: raw import strings from the parser become file → file edges inside the
 * repository, or external module names. Build one {@link ResolverContext} per analysis with
 * {@link createResolverContext}, then call {@link resolveImports} for each file.
 * The per-language rules are documented on the resolvers in `resolve_<language>.ts`.
 * @module
 */
export type { ImportKind, RawImport } from "./raw_import.ts";
export { createResolverContext, type ResolverContext } from "./resolver_context.ts";
export { type ResolvedImport, resolveImports } from "./resolve_imports.ts";
