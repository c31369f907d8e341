// "Did you mean": edit distance over canonical names and aliases.

export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Canonical names closest to `text`, best first; `names` maps a folded name or alias to its firm. */
export function suggest(text: string, names: Map<string, string>, n: number): string[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const max = Math.max(2, Math.floor(q.length / 3));
  const best = new Map<string, number>();
  for (const [alias, firm] of names) {
    let d = editDistance(q, alias, max);
    if (alias.startsWith(q) && q.length >= 3) d = Math.min(d, 1);
    if (d <= max && d < (best.get(firm) ?? Infinity)) best.set(firm, d);
  }
  return [...best.entries()]
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, n)
    .map(([f]) => f);
}
