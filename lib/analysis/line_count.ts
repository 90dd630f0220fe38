/** Physical line totals for one file, classified the way cloc reports them. */
export interface LineCounts {
  code: number;
  comment: number;
  blank: number;
}

// A delimited span: a block comment or a string literal.
interface Span {
  open: string;
  close: string;
  nested?: boolean;
  // Python docstrings: a comment only when nothing precedes them on the line.
  doc?: boolean;
  // Strings only: whether the span may continue onto the next line.
  multi?: boolean;
  escapes?: boolean;
}
interface Syntax {
  line: string[];
  block: Span[];
  quotes: Span[];
  // Markers that only count as the first word of a line (Batch REM).
  lineStart: RegExp | null;
  // Column-0 sections such as Ruby =begin/=end and Perl POD.
  pod: { opens: string[]; close: string } | null;
  // Only a short 'x' is a string, so Rust lifetimes and Haskell primes are code.
  charLiteral: boolean;
  // ASCII codes that may begin a marker; everything else is plain code.
  hot: Uint8Array;
}

// One row per family, "Names: tokens". L line marker, B block, N nesting
// block, D docstring (block only when first on its line), Q quote (triple
// quotes and backticks may span lines), R raw quote, S first-word marker,
// P column-0 section opens then close; flags: char, noesc (no \ escapes).
// Vue/Svelte omit ' because apostrophes in template prose would hide markers.
const TABLE = `
C|C++|C/C++ Header|C#|Java|Objective-C|Objective-C++: L:// B:/*,*/ Q:" Q:'
Groovy|Protocol Buffers|SCSS|Less: L:// B:/*,*/ Q:" Q:'
Kotlin|Swift|Scala|Dart: L:// N:/*,*/ Q:" Q:'
Rust: L:// N:/*,*/ Q:" char
JavaScript|TypeScript|TSX: L:// B:/*,*/ Q:" Q:' Q:\`
Go: L:// B:/*,*/ Q:" Q:' R:\`
PHP|Terraform: L:// L:# B:/*,*/ Q:" Q:'
Zig: L:// Q:" Q:'
CSS: B:/*,*/ Q:" Q:'
F#: L:// N:(*,*) Q:" char
OCaml: N:(*,*) Q:" char
Python: L:# D:""" D:''' Q:""" Q:''' Q:" Q:'
Shell|YAML|R|Makefile|Dockerfile: L:# Q:" Q:'
TOML|Elixir: L:# Q:""" Q:''' Q:" Q:'
GraphQL: L:# Q:""" Q:"
Ruby: L:# Q:" Q:' P:=begin,=end
Perl: L:# Q:" Q:' P:=pod,=head,=over,=item,=begin,=cut
CMake: L:# B:#[[,]] Q:" Q:'
Nim: L:# N:#[,]# Q:" Q:'
Julia: L:# N:#=,=# Q:""" Q:"
PowerShell: L:# B:<#,#> Q:" Q:' noesc
INI: L:; L:#
SQL: L:-- B:/*,*/ Q:' Q:" noesc
Lua: L:-- B:--[[,]] Q:" Q:'
Haskell: L:-- N:{-,-} Q:" char
HTML|XML: B:<!--,--> Q:"
Markdown: B:<!--,-->
Vue|Svelte: L:// B:<!--,--> B:/*,*/ Q:" Q:\`
Clojure: L:; Q:"
Lisp: L:; N:#|,|# Q:"
Erlang: L:% Q:" Q:'
Fortran: L:! Q:" Q:' noesc
Batch: S:rem S:@rem S:::
Assembly: L:; L:// B:/*,*/ Q:"
Visual Basic: L:' S:rem Q:" noesc
`;

function compile(spec: string): Syntax {
  const hot = new Uint8Array(128);
  const s: Syntax = { line: [], block: [], quotes: [], lineStart: null, pod: null, charLiteral: false, hot };
  const tokens = spec.trim().split(/\s+/);
  const escapes = !tokens.includes("noesc");
  const words: string[] = [];
  for (const token of tokens) {
    const [kind, value] = token === "char" ? ["c", "'"] : [token[0], token.slice(2)];
    const parts = value.split(",");
    const [open, close] = parts;
    if (kind === "c") s.charLiteral = true;
    else if (kind === "L") s.line.push(value);
    else if (kind === "S") words.push(/\w$/.test(value) ? `${value}\\b` : value);
    else if (kind === "D") s.block.push({ open, close: open, doc: true });
    else if (kind === "B" || kind === "N") s.block.push({ open, close, nested: kind === "N" });
    else if (kind === "P") s.pod = { opens: parts.slice(0, -1), close: parts[parts.length - 1] };
    else if (kind === "Q" || kind === "R") {
      const multi = open.length === 3 || open === "`";
      s.quotes.push({ open, close: open, multi, escapes: kind === "Q" && escapes });
    } else continue;
    hot[value.charCodeAt(0)] = hot[value.toUpperCase().charCodeAt(0)] = 1;
  }
  if (words.length > 0) s.lineStart = new RegExp(`^(?:${words.join("|")})`, "i");
  return s;
}

// Languages without comments (JSON, Text) and unknown ones: non-blank is code.
const PLAIN = compile("");
const SYNTAX = new Map<string, Syntax>();
for (const row of TABLE.trim().split("\n")) {
  const split = row.indexOf(": ");
  const syntax = compile(row.slice(split + 2));
  for (const name of row.slice(0, split).split("|")) SYNTAX.set(name, syntax);
}

// Scanner modes that carry over from one line to the next.
const CODE = 0, BLOCK = 1, STRING = 2, POD = 3;
interface State {
  mode: number;
  block: Span | null;
  depth: number;
  quote: Span | null;
}
type Kind = keyof LineCounts;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff;
}

// Returns the index after a char literal, or i + 1 when the quote is not one.
function skipCharLiteral(t: string, i: number, end: number): number {
  if (t.charCodeAt(i + 1) === 92) {
    const close = t.indexOf("'", i + 3);
    return close !== -1 && close < end && close - i <= 12 ? close + 1 : i + 1;
  }
  return i + 2 < end && t.charCodeAt(i + 2) === 39 ? i + 3 : i + 1;
}

// Consumes a block comment up to its (outermost) close or the end of line.
function skipBlock(t: string, i: number, end: number, st: State): number {
  const b = st.block!;
  const closeCh = b.close.charCodeAt(0);
  const openCh = b.nested ? b.open.charCodeAt(0) : -1;
  while (i < end) {
    const c = t.charCodeAt(i);
    if (c === closeCh && t.startsWith(b.close, i)) {
      i += b.close.length;
      if (--st.depth === 0) {
        st.mode = CODE;
        return i;
      }
    } else if (c === openCh && t.startsWith(b.open, i)) {
      i += b.open.length;
      st.depth++;
    } else i++;
  }
  return end;
}

// Consumes a string literal up to its closing quote or the end of line.
function skipString(t: string, i: number, end: number, st: State): number {
  const qt = st.quote!;
  const closeCh = qt.close.charCodeAt(0);
  while (i < end) {
    const c = t.charCodeAt(i);
    if (c === 92 && qt.escapes) i += 2;
    else if (c === closeCh && t.startsWith(qt.close, i)) {
      st.mode = CODE;
      return i + qt.close.length;
    } else i++;
  }
  return end;
}

function classify(t: string, start: number, end: number, s: Syntax, st: State): Kind {
  let i = start;
  while (i < end && isSpace(t.charCodeAt(i))) i++;
  if (i === end) return "blank";
  if (st.mode === POD) {
    if (t.startsWith(s.pod!.close, start)) st.mode = CODE;
    return "comment";
  }
  if (st.mode === CODE) {
    if (i === start && s.pod?.opens.some((m) => t.startsWith(m, i))) {
      st.mode = POD;
      return "comment";
    }
    if (s.lineStart?.test(t.slice(i, end))) return "comment";
  }
  let code = st.mode === STRING;
  let comment = st.mode === BLOCK;
  scan: while (i < end) {
    if (st.mode === BLOCK) i = skipBlock(t, i, end, st);
    else if (st.mode === STRING) i = skipString(t, i, end, st);
    if (i >= end) break;
    const c = t.charCodeAt(i);
    if (c >= 128 || s.hot[c] === 0) {
      if (!isSpace(c)) code = true;
      i++;
      continue;
    }
    for (const b of s.block) {
      if ((!b.doc || !code) && t.startsWith(b.open, i)) {
        st.mode = BLOCK;
        st.block = b;
        st.depth = 1;
        comment = true;
        i += b.open.length;
        continue scan;
      }
    }
    for (const m of s.line) {
      if (t.startsWith(m, i)) return code ? "code" : "comment";
    }
    code = true;
    const qt = s.quotes.find((x) => t.startsWith(x.open, i));
    if (qt) {
      st.mode = STRING;
      st.quote = qt;
      i += qt.open.length;
    } else i = s.charLiteral && c === 39 ? skipCharLiteral(t, i, end) : i + 1;
  }
  return code ? "code" : comment ? "comment" : "blank";
}

function scanLine(t: string, start: number, end: number, s: Syntax, st: State): Kind {
  const kind = classify(t, start, end, s, st);
  let last = end - 1;
  if (last >= start && t.charCodeAt(last) === 13) last--;
  // Ordinary quotes cannot span lines (barring a trailing \ continuation), so
  // an unbalanced one must not swallow the following lines.
  if (st.mode === STRING && !st.quote!.multi && t.charCodeAt(last) !== 92) {
    st.mode = CODE;
  }
  return kind;
}

/**
 * Counts code, comment and blank lines using cloc's rules: whitespace-only is
 * blank, comment-only is comment, anything with code (even plus a trailing
 * comment) is code. Unknown languages and ones without comments (JSON, Text)
 * count every non-blank line as code.
 */
export function countLines(text: string, language: string | null): LineCounts {
  const counts: LineCounts = { code: 0, comment: 0, blank: 0 };
  const syntax = (language !== null && SYNTAX.get(language)) || PLAIN;
  const state: State = { mode: CODE, block: null, depth: 0, quote: null };
  const n = text.length;
  let start = 0;
  // A final "\n" terminates the last line rather than starting an empty one.
  while (start < n) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = n;
    counts[scanLine(text, start, end, syntax, state)]++;
    start = end + 1;
  }
  return counts;
}
