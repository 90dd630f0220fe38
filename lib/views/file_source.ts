/**
 * The source of a file of an analysis, read from the repository's bare mirror
 * (`git cat-file`, never a checkout) and highlighted on the server with
 * highlight.js — only the grammars of the languages we analyse are loaded.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Kysely } from "kysely";
import hljs from "highlight.js/lib/core";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import csharp from "highlight.js/lib/languages/csharp";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import php from "highlight.js/lib/languages/php";
import python from "highlight.js/lib/languages/python";
import ruby from "highlight.js/lib/languages/ruby";
import rust from "highlight.js/lib/languages/rust";
import typescript from "highlight.js/lib/languages/typescript";
import type { Database } from "../db/schema.ts";
import { BlobReader } from "../git/blob_reader.ts";
import { mirrorDir } from "../pipeline/run_analysis.ts";

const GRAMMARS = { c, cpp, csharp, go, java, javascript, php, python, ruby, rust, typescript };
for (const [name, grammar] of Object.entries(GRAMMARS)) hljs.registerLanguage(name, grammar);

/** Our language names (as cloc spells them) → highlight.js grammar. */
const GRAMMAR_OF: Record<string, keyof typeof GRAMMARS> = {
  "JavaScript": "javascript",
  "TypeScript": "typescript",
  "TSX": "typescript",
  "Python": "python",
  "Go": "go",
  "Java": "java",
  "Rust": "rust",
  "C": "c",
  "C++": "cpp",
  "C/C++ Header": "cpp",
  "C#": "csharp",
  "Ruby": "ruby",
  "PHP": "php",
};

/** Files larger than this are not shown (as the analysis does not read them). */
export const MAX_SOURCE_BYTES = 1024 * 1024;
/** Larger files are shown without highlighting: it would cost the page more than it gives. */
export const MAX_HIGHLIGHT_BYTES = 256 * 1024;

/** The grammar highlight.js uses for one of our languages ("plaintext" when we have none). */
export function grammarOf(language: string | null): string {
  return (language && GRAMMAR_OF[language]) || "plaintext";
}

/** The source of a file as HTML, one string per line, or why it cannot be shown. */
export type FileSource =
  | { kind: "lines"; grammar: string; lines: string[]; highlighted: boolean }
  | { kind: "unavailable"; reason: "too_large" | "binary" | "no_mirror" | "missing"; message: string };

/** The file fields reading its source needs. */
export interface SourceFile {
  bytes: number;
  category: string;
  blobSha: string | null;
  language: string | null;
}

/**
 * Reads the file's blob from the mirror the analysis fetched into (a private
 * analysis has its owner's own mirror) and highlights it; files over 1 MiB,
 * binary files, or a mirror no longer on this server are explained instead.
 */
export async function readFileSource(
  db: Kysely<Database>,
  mirrorsDir: string,
  analysisId: string,
  file: SourceFile,
): Promise<FileSource> {
  if (file.bytes > MAX_SOURCE_BYTES) {
    return { kind: "unavailable", reason: "too_large", message: "The file is larger than 1 MiB: it is not shown." };
  }
  if (file.category === "binary") return binary();
  if (!file.blobSha) return missing();
  const owner = await db.selectFrom("analyses").innerJoin("repositories", "repositories.id", "analyses.repository_id")
    .select(["repositories.url", "analyses.private", "analyses.owner_id"])
    .where("analyses.id", "=", analysisId).executeTakeFirstOrThrow();
  const gitDir = mirrorDir(mirrorsDir, owner.url, owner.private ? owner.owner_id ?? "unknown" : null);
  if (!await isDirectory(gitDir)) {
    return {
      kind: "unavailable",
      reason: "no_mirror",
      message: "The repository's copy is not on this server any more: analyse it again to see the source.",
    };
  }
  const reader = new BlobReader(gitDir);
  let content: Uint8Array | null;
  try {
    content = await reader.read(file.blobSha);
  } finally {
    await reader.close();
  }
  if (!content) return missing();
  if (content.length > MAX_SOURCE_BYTES) {
    return { kind: "unavailable", reason: "too_large", message: "The file is larger than 1 MiB: it is not shown." };
  }
  if (looksBinary(content)) return binary();
  const text = new TextDecoder("utf-8").decode(content);
  const highlighted = content.length <= MAX_HIGHLIGHT_BYTES;
  const grammar = highlighted ? grammarOf(file.language) : "plaintext";
  return { kind: "lines", grammar, lines: highlightLines(text, grammar), highlighted };
}

const binary = (): FileSource => ({ kind: "unavailable", reason: "binary", message: "This is a binary file." });
const missing = (): FileSource => ({
  kind: "unavailable",
  reason: "missing",
  message: "The file's content is not in the repository's copy on this server.",
});

async function isDirectory(dir: string): Promise<boolean> {
  return await fs.stat(path.join(dir, "objects")).then((s) => s.isDirectory(), () => false);
}

/** A NUL byte in the first 8000 bytes, git's own test for binary content. */
export function looksBinary(content: Uint8Array): boolean {
  return content.subarray(0, 8000).includes(0);
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Highlights `text` with `grammar` and splits the HTML into lines, each line
 * well-formed on its own (a comment spanning lines is closed at each line's
 * end and reopened on the next). "plaintext" is only escaped.
 */
export function highlightLines(text: string, grammar: string): string[] {
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  if (grammar === "plaintext" || !hljs.getLanguage(grammar)) return body.split(/\r?\n/).map(escapeHtml);
  return splitHighlighted(hljs.highlight(body, { language: grammar, ignoreIllegals: true }).value);
}

/** Splits highlight.js's HTML (text and `<span class>` only) at newlines, balancing the spans of every line. */
export function splitHighlighted(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = "";
  for (const token of html.split(/(<span[^>]*>|<\/span>|\r?\n)/)) {
    if (!token) continue;
    if (token.startsWith("<span")) {
      open.push(token);
      line += token;
    } else if (token === "</span>") {
      open.pop();
      line += token;
    } else if (token === "\n" || token === "\r\n") {
      lines.push(line + "</span>".repeat(open.length));
      line = open.join("");
    } else line += token;
  }
  lines.push(line + "</span>".repeat(open.length));
  return lines;
}
