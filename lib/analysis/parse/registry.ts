import type { LanguageSpec } from "./spec.ts";

type Loader = () => Promise<LanguageSpec>;

// Language names as detectLanguage reports them → their tree-sitter spec, loaded on first use.
const LOADERS: Record<string, Loader> = {
  JavaScript: async () => (await import("./languages/javascript.ts")).javascript,
  TypeScript: async () => (await import("./languages/javascript.ts")).typescript,
  TSX: async () => (await import("./languages/javascript.ts")).tsx,
  Python: async () => (await import("./languages/python.ts")).python,
  Go: async () => (await import("./languages/go.ts")).go,
  Java: async () => (await import("./languages/java.ts")).java,
  Rust: async () => (await import("./languages/rust.ts")).rust,
  C: async () => (await import("./languages/c.ts")).c,
  "C++": async () => (await import("./languages/cpp.ts")).cpp,
  // A header may be C or C++; the C++ grammar reads both.
  "C/C++ Header": async () => (await import("./languages/cpp.ts")).cpp,
  Ruby: async () => (await import("./languages/ruby.ts")).ruby,
  PHP: async () => (await import("./languages/php.ts")).php,
  "C#": async () => (await import("./languages/csharp.ts")).csharp,
};

/** True when files of `language` are parsed with tree-sitter (others are only counted). */
export function isParsed(language: string | null): boolean {
  return language !== null && language in LOADERS;
}

/** The spec for `language`, or null when it is not parsed. */
export async function specFor(language: string): Promise<LanguageSpec | null> {
  const load = LOADERS[language];
  return load ? await load() : null;
}

/**
 * Bumped whenever extraction changes what it reports for the same source: the
 * per-blob cache only reuses results of the same version.
 */
export const ANALYZER_VERSION = "2026.11.23-4";
