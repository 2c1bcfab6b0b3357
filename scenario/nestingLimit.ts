// A cheap pre-check before YAML parsing: text nested absurdly deep (thousands of `[` or of
// indented levels) makes the yaml package recurse until the stack overflows, and a stack overflow
// inside V8's regular-expression compiler can leave the process in a state where the next
// regular expression aborts it (seen with Node 20 on `'['.repeat(20000)`). No scenario nests more
// than a few dozen levels, so such text is refused before it reaches the parser.
// Added by the language server engineer; analyzeScenario may call it too (then the server's own
// guard becomes redundant).

export const MAX_NESTING = 400;

/**
 * Where the text first nests deeper than `limit` levels, or undefined. Flow nesting counts open
 * brackets (`[`, `{`) not yet closed; block nesting counts a line's indentation plus its leading
 * `- ` markers. Quotes are not parsed, so this over-counts brackets inside strings: harmless at
 * this limit.
 */
export function excessiveNesting(
  text: string,
  limit = MAX_NESTING,
): { offset: number; depth: number } | undefined {
  let flow = 0;
  let lineStart = true;
  let block = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      lineStart = true;
      block = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 /* space */ || c === 9 /* tab */) {
        block++;
      } else if (c === 45 /* - */ && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
        block++;
      } else {
        lineStart = false;
      }
      if (block > limit) return { offset: i, depth: block };
    }
    if (c === 91 /* [ */ || c === 123 /* { */) {
      flow++;
      if (flow > limit) return { offset: i, depth: flow };
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && flow > 0) {
      flow--;
    }
  }
  return undefined;
}
