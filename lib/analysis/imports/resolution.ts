import type { RawImport } from "./raw_import.ts";
import type { ResolverContext } from "./resolver_context.ts";

/**
 * Where one import points: a repository file (`target`), something outside the
 * repository (`external`), or neither when it names a local file that is missing.
 */
export interface Resolution {
  target: string | null;
  external: string | null;
}

/** A per-language resolver: one raw import of `fromPath` to its resolution. */
export type LanguageResolver = (context: ResolverContext, fromPath: string, raw: RawImport) => Resolution;

/** An edge to the repository file `path`. */
export function toFile(path: string): Resolution {
  return { target: path, external: null };
}

/** A dependency outside the repository, named `name`. */
export function toExternal(name: string): Resolution {
  return { target: null, external: name };
}

/** Neither: the import names a local file or module that is not in the repository. */
export const UNRESOLVED: Resolution = Object.freeze({ target: null, external: null });

/** `path` as an edge when found, else the fallback. */
export function fileOr(path: string | null, fallback: Resolution): Resolution {
  return path === null ? fallback : toFile(path);
}
