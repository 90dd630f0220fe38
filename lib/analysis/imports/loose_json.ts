/**
 * Parses JSON that may carry `//` and block comments and trailing commas, as
 * tsconfig.json does; null when it still is not JSON. Config files are read
 * best effort: a broken one means "no aliases", never a failed analysis.
 */
export function parseLooseJson(text: string): unknown {
  try {
    return JSON.parse(withoutTrailingCommas(withoutComments(text)));
  } catch {
    return null;
  }
}

// Both passes walk strings so that "https://x" or ",]" inside a value survive.
function withoutComments(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i);
    else if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
      const block = text[i + 1] === "*";
      const end = block ? text.indexOf("*/", i + 2) : text.indexOf("\n", i);
      out += text.slice(from, i) + " ";
      i = end < 0 ? text.length : block ? end + 1 : end - 1;
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

function withoutTrailingCommas(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i);
    else if (c === ",") {
      let next = i + 1;
      while (/\s/.test(text[next] ?? "")) next++;
      if (text[next] === "}" || text[next] === "]") {
        out += text.slice(from, i);
        from = i + 1;
      }
    }
  }
  return out + text.slice(from);
}

// Index of the quote closing the string that opens at `start`.
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}
