import assert from "node:assert/strict";
import { escapeHtml, grammarOf, highlightLines, looksBinary, splitHighlighted } from "./file_source.ts";

Deno.test("[file source] a span across lines is closed at each line's end and reopened on the next", () => {
  const html = 'a <span class="x">b\nc <span class="y">d\ne</span> f\ng</span> h';
  assert.deepEqual(splitHighlighted(html), [
    'a <span class="x">b</span>',
    '<span class="x">c <span class="y">d</span></span>',
    '<span class="x"><span class="y">e</span> f</span>',
    '<span class="x">g</span> h',
  ]);
});

Deno.test("[file source] highlighted lines: one per source line, escaped, only our languages' grammars", () => {
  const lines = highlightLines('/* a\n   b */\nconst s = "<x>";\n', "javascript");
  assert.equal(lines.length, 3);
  assert.equal(lines[1], '<span class="hljs-comment">   b */</span>');
  assert.match(lines[2], /&lt;x&gt;/);
  assert.deepEqual(highlightLines("a < b\r\nc\n", "plaintext"), ["a &#60; b", "c"]);
  assert.equal(grammarOf("TSX"), "typescript");
  assert.equal(grammarOf("C/C++ Header"), "cpp");
  assert.equal(grammarOf("Markdown"), "plaintext");
  assert.equal(grammarOf(null), "plaintext");
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  assert.equal(looksBinary(new Uint8Array([65, 0, 66])), true);
  assert.equal(looksBinary(new TextEncoder().encode("text")), false);
});
