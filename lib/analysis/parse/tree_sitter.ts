import path from "node:path";
import { Language, Parser, Query } from "web-tree-sitter";

/** The grammars we ship (file names in @repomix/tree-sitter-wasms/out). */
export type Grammar =
  | "javascript"
  | "typescript"
  | "tsx"
  | "python"
  | "go"
  | "java"
  | "rust"
  | "c"
  | "cpp"
  | "ruby"
  | "php"
  | "c_sharp";

let ready: Promise<void> | undefined;
const languages = new Map<Grammar, Promise<Language>>();
const queries = new Map<string, Query>();

function wasmDir(): string {
  const pkg = import.meta.resolve("@repomix/tree-sitter-wasms/package.json");
  return path.join(path.dirname(new URL(pkg).pathname), "out");
}

/** Loads a grammar once per thread (each Deno Worker loads its own). */
export async function loadLanguage(grammar: Grammar): Promise<Language> {
  ready ??= Parser.init();
  await ready;
  let language = languages.get(grammar);
  if (!language) {
    language = Language.load(path.join(wasmDir(), `tree-sitter-${grammar}.wasm`));
    languages.set(grammar, language);
  }
  return await language;
}

/** A parser for `grammar`; reuse it for every file of that grammar. */
export async function createParser(grammar: Grammar): Promise<Parser> {
  const language = await loadLanguage(grammar);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** A compiled query, cached per grammar and source text. */
export function compileQuery(grammar: Grammar, language: Language, source: string): Query {
  const key = `${grammar}\0${source}`;
  let query = queries.get(key);
  if (!query) {
    query = new Query(language, source);
    queries.set(key, query);
  }
  return query;
}
