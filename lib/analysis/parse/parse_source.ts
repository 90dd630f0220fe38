import type { Parser } from "web-tree-sitter";
import { extractStructure, type FileStructure } from "./extract.ts";
import { specFor } from "./registry.ts";
import { createParser, type Grammar } from "./tree_sitter.ts";

const parsers = new Map<Grammar, Promise<Parser>>();

/** Parses one file's text as `language` (one parser per grammar, reused); null if not parsed. */
export async function parseSource(language: string, text: string): Promise<FileStructure | null> {
  const spec = await specFor(language);
  if (!spec) return null;
  let parser = parsers.get(spec.grammar);
  if (!parser) parsers.set(spec.grammar, parser = createParser(spec.grammar));
  return extractStructure(spec, await parser, text);
}
