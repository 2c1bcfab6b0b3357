// "Did you mean" for misspelt keys, enum values, names: the closest candidate by edit distance,
// offered only when it is close enough that a person would recognise the typo.

/**
 * Damerau-Levenshtein distance (optimal string alignment): a swap of two letters counts once.
 * Three rolling rows instead of a full table: it runs once per (word, candidate) pair, and a file
 * with many unknown keys asks for many of them.
 */
export function editDistance(a: string, b: string): number {
  const cols = b.length + 1;
  let before = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let row = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, before[j - 2] + 1);
      row[j] = best;
    }
    [before, prev, row] = [prev, row, before];
  }
  return prev[b.length];
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
    // The distance is at least the difference in length: such a candidate can never be offered.
    if (c === word || c.length > 64 || Math.abs(c.length - w.length) > limit) continue;
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
