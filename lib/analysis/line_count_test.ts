import assert from "node:assert/strict";
import { countLines } from "./line_count.ts";

const lines = (...rows: string[]) => rows.join("\n") + "\n";
const counts = (code: number, comment: number, blank: number) => ({
  code,
  comment,
  blank,
});

Deno.test("[line_count] empty file counts nothing", () => {
  assert.deepEqual(countLines("", "TypeScript"), counts(0, 0, 0));
  assert.deepEqual(countLines("", null), counts(0, 0, 0));
});

Deno.test("[line_count] trailing newline does not add a blank line", () => {
  assert.deepEqual(countLines("x = 1", "Python"), counts(1, 0, 0));
  assert.deepEqual(countLines("x = 1\n", "Python"), counts(1, 0, 0));
  assert.deepEqual(countLines("x = 1\n\n", "Python"), counts(1, 0, 1));
  assert.deepEqual(countLines("\n", "Python"), counts(0, 0, 1));
  assert.deepEqual(countLines("  \t \n", "Python"), counts(0, 0, 1));
});

Deno.test("[line_count] handles CRLF line endings", () => {
  const text = "// c\r\nconst x = 1;\r\n\r\n/* a\r\n   b */\r\n";
  assert.deepEqual(countLines(text, "TypeScript"), counts(1, 3, 1));
});

Deno.test("[line_count] C-style line comments and trailing comments", () => {
  const text = lines(
    "// leading comment",
    "int a = 1; // trailing comment is still code",
    "    // indented comment",
    "",
    "return a;",
  );
  assert.deepEqual(countLines(text, "C"), counts(2, 2, 1));
});

Deno.test("[line_count] block comments spanning lines with code around them", () => {
  const text = lines(
    "int a; /* starts after code",
    "   still inside",
    "",
    "ends here */ int b;",
    "/* whole line */",
    "/* one */ /* two */",
    "/* closes */ // then a line comment",
    "int c; /* open",
    "close */",
  );
  assert.deepEqual(countLines(text, "Java"), counts(3, 5, 1));
});

Deno.test("[line_count] comment markers inside strings are code", () => {
  const text = lines(
    'const url = "http://example.com"; ',
    "const a = '/* not a comment';",
    "const b = `// nor this`;",
    'const c = "escaped \\" /* still a string";',
    "after();",
  );
  assert.deepEqual(countLines(text, "JavaScript"), counts(5, 0, 0));
  assert.deepEqual(countLines('x = "# not"\ny = 1 # c\n', "Python"), counts(2, 0, 0));
  assert.deepEqual(countLines("x = '#'\n# real\n", "Python"), counts(1, 1, 0));
});

Deno.test("[line_count] template literals and Go raw strings span lines", () => {
  const js = lines("const t = `", "// inside a template", "`;", "// real");
  assert.deepEqual(countLines(js, "TypeScript"), counts(3, 1, 0));
  const go = lines("p := `C:\\` // raw strings have no escapes", "/* c */");
  assert.deepEqual(countLines(go, "Go"), counts(1, 1, 0));
});

Deno.test("[line_count] an unbalanced quote does not swallow later lines", () => {
  const text = lines('char *s = "oops;', "// comment", "/* c */");
  assert.deepEqual(countLines(text, "C"), counts(1, 2, 0));
});

Deno.test("[line_count] Python docstrings count as comments, assigned strings as code", () => {
  const text = lines(
    '"""Module docstring."""',
    "def f():",
    '    """Summary.',
    "",
    "    Details # with a hash.",
    '    """',
    "    return 1  # trailing",
    'x = """',
    "# inside a string",
    '"""',
    "'''single-quoted docstring'''",
    "# comment",
  );
  assert.deepEqual(countLines(text, "Python"), counts(5, 6, 1));
});

Deno.test("[line_count] hash comments for Shell, YAML, Ruby and friends", () => {
  const sh = lines("#!/bin/bash", 'echo "# not a comment"', "ls # trailing", "  # note");
  assert.deepEqual(countLines(sh, "Shell"), counts(2, 2, 0));
  const yaml = lines("# config", "key: value # inline", "url: 'http://x#y'");
  assert.deepEqual(countLines(yaml, "YAML"), counts(2, 1, 0));
  const ruby = lines("# c", "=begin", "docs", "", "=end", "puts 1");
  assert.deepEqual(countLines(ruby, "Ruby"), counts(1, 4, 1));
  const perl = lines("my $x = 1;", "=pod", "Docs here", "=cut", "print $x;");
  assert.deepEqual(countLines(perl, "Perl"), counts(2, 3, 0));
  const make = lines("# build", "all:", "\tgo build ./... # trailing");
  assert.deepEqual(countLines(make, "Makefile"), counts(2, 1, 0));
});

Deno.test("[line_count] double-dash comments for SQL, Lua and Haskell", () => {
  const sql = lines("-- c", "SELECT '--' FROM t; -- x", "/* block", "*/");
  assert.deepEqual(countLines(sql, "SQL"), counts(1, 3, 0));
  const lua = lines("--[[ long", "comment ]]", "print('--') -- c", "-- c");
  assert.deepEqual(countLines(lua, "Lua"), counts(1, 3, 0));
  const hs = lines("{- outer {- inner -}", "still outer -}", "main = pure () -- c");
  assert.deepEqual(countLines(hs, "Haskell"), counts(1, 2, 0));
});

Deno.test("[line_count] markup comments; Markdown prose is code", () => {
  const html = lines(
    "<!-- note",
    "   more -->",
    '<p title="<!--">x</p>',
    "<br>",
    "<!-- a --> <br>",
  );
  assert.deepEqual(countLines(html, "HTML"), counts(3, 2, 0));
  const md = lines("# Title", "", "<!-- hidden -->", "Some *text* // here");
  assert.deepEqual(countLines(md, "Markdown"), counts(2, 1, 1));
});

Deno.test("[line_count] CSS, SCSS and PHP comment styles", () => {
  assert.deepEqual(countLines("/* c */\na { b: c; }\n// x\n", "CSS"), counts(2, 1, 0));
  assert.deepEqual(countLines("// c\n$a: 1;\n", "SCSS"), counts(1, 1, 0));
  const php = lines("<?php", "# hash", "// slash", "/* block */", "echo '#';");
  assert.deepEqual(countLines(php, "PHP"), counts(2, 3, 0));
});

Deno.test("[line_count] semicolon, percent, bang and REM comment styles", () => {
  assert.deepEqual(countLines('; c\n(defn f [] ";")\n', "Clojure"), counts(1, 1, 0));
  assert.deepEqual(countLines('% c\nf() -> "%".\n', "Erlang"), counts(1, 1, 0));
  assert.deepEqual(countLines("! c\nprint *, '!'\n", "Fortran"), counts(1, 1, 0));
  assert.deepEqual(countLines("; c\nmov eax, 1 ; x\n", "Assembly"), counts(1, 1, 0));
  assert.deepEqual(countLines("; c\n# c\nkey=a;b\n", "INI"), counts(1, 2, 0));
  const bat = lines("REM c", "@rem c", ":: c", "remove.exe", "echo rem");
  assert.deepEqual(countLines(bat, "Batch"), counts(2, 3, 0));
});

Deno.test("[line_count] Rust lifetimes and char literals do not hide comments", () => {
  const text = lines(
    "fn f<'a>(x: &'a str) {} /* starts",
    "still comment */",
    "let c = '\"'; /* a char literal, not a string",
    "close */",
    "// c",
  );
  assert.deepEqual(countLines(text, "Rust"), counts(2, 3, 0));
});

Deno.test("[line_count] JSON, Text and unknown languages count non-blank lines as code", () => {
  const json = lines("{", '  "//": "not a comment",', "", '  "#": 1', "}");
  assert.deepEqual(countLines(json, "JSON"), counts(4, 0, 1));
  assert.deepEqual(countLines("# a\n\n// b\n", null), counts(2, 0, 1));
  assert.deepEqual(countLines("hello\n\nworld\n", "Text"), counts(2, 0, 1));
});

Deno.test("[line_count] counts ~1 MB of TypeScript quickly and exactly", () => {
  const chunk = lines(
    "/**",
    " * Adds numbers. // inside a block",
    " */",
    'export function add(a: number, b: number): string { // "x"',
    "  return `${a + b} http://example.com`; /* trailing */",
    "}",
    "",
    "const s = '/* not a comment */';",
  );
  const repeats = Math.ceil(1_000_000 / chunk.length);
  const text = chunk.repeat(repeats);
  const started = performance.now();
  const result = countLines(text, "TypeScript");
  const elapsed = performance.now() - started;
  assert.deepEqual(result, counts(4 * repeats, 3 * repeats, repeats));
  // Generous bound so a loaded CI box passes; typical runs are far faster.
  assert.ok(elapsed < 250, `took ${elapsed.toFixed(1)} ms`);
});

Deno.test("[line_count] a huge unterminated block comment stays linear", () => {
  const text = "/*\n" + "lorem ipsum dolor\n".repeat(60_000);
  const started = performance.now();
  assert.deepEqual(countLines(text, "C"), counts(0, 60_001, 0));
  assert.ok(performance.now() - started < 250);
});
