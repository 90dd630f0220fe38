import assert from "node:assert/strict";
import { parseLooseJson } from "./loose_json.ts";

Deno.test("[imports] parseLooseJson drops comments and trailing commas but not string contents", () => {
  const text = `{
    // line comment
    "url": "https://example.com/*not a comment*/", /* block */
    "odd": "a,]",
    "list": [1, 2,],
  }`;
  assert.deepEqual(parseLooseJson(text), { url: "https://example.com/*not a comment*/", odd: "a,]", list: [1, 2] });
  assert.deepEqual(parseLooseJson(`{"q": "say \\"hi\\" // there"}`), { q: 'say "hi" // there' });
});

Deno.test("[imports] parseLooseJson returns null for text that is not JSON", () => {
  assert.equal(parseLooseJson("{ not json"), null);
  assert.equal(parseLooseJson("/* unterminated"), null);
});
