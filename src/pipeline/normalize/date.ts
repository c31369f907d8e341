// Feed dates → ISO 8601. Missing, unparseable or far-future dates become the fetch time.

const NO_ZONE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const DAY_MS = 86_400_000;

export function toIsoDate(raw: string | undefined, fetchedAt: Date): string {
  const s = raw?.trim();
  if (!s) return fetchedAt.toISOString();
  let t: number;
  if (/^\d{9,13}$/.test(s)) t = s.length > 11 ? Number(s) : Number(s) * 1000; // Unix epoch (s or ms)
  else if (NO_ZONE.test(s)) t = Date.parse(`${s.replace(' ', 'T')}Z`); // no zone: read as UTC, not server-local
  else t = Date.parse(s.replace(/\b(UT)\b/, 'GMT'));
  if (Number.isNaN(t) || t > fetchedAt.getTime() + DAY_MS || t < Date.UTC(1990, 0, 1)) return fetchedAt.toISOString();
  return new Date(t).toISOString();
}
