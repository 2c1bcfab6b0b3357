// "Did you mean" for misspelt keys, enum values, names: the closest candidate by edit distance,
// offered only when it is close enough that a person would recognise the typo.

/** Damerau-Levenshtein distance (optimal string alignment): a swap of two letters counts once. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2][j - 2] + 1);
      d[i][j] = best;
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate, if it is within a third of the word's length (at least 1, case ignored) and unambiguous. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  // Long words are not typos of short keys; the cap also keeps the quadratic distance cheap.
  if (word.length > 64) return undefined;
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(Math.max(w.length, 3) / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  let tied = false;
  for (const c of candidates) {
    if (c === word || c.length > 64) continue;
    const dist = editDistance(w, c.toLowerCase());
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
      tied = false;
    } else if (dist === bestDistance && c !== best) tied = true;
  }
  // Two candidates equally close (`p96`: `p95` or `p98`?) is a guess, not a suggestion.
  return bestDistance <= limit && !tied ? best : undefined;
}

/** `; did you mean \`x\`?` or the empty string. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`;
}
