// "Did you mean": the closest candidate by edit distance (a swap of two neighbours counting as
// one edit), when it is close enough to be a typo.

function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 4)) + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const other = candidate.toLowerCase();
    // A truncated name ("Role" for "RoleArn") is as good as a one-letter typo.
    const truncated = word.length >= 3 && (other.startsWith(lower) || lower.startsWith(other));
    // The distance is at least the difference in length: most candidates are ruled out without computing it.
    if (!truncated && Math.abs(other.length - lower.length) >= bestDistance) continue;
    const distance = other === lower ? 0 : truncated ? 1 : editDistance(lower, other);
    // Replacing a whole short word is no typo ("B" is not a misspelled "A").
    if (distance < bestDistance && distance < Math.min(word.length, candidate.length)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
