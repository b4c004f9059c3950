/**
 * The numeric parts of a UCServer version ("6.4.0.1234" → [6, 4, 0, 1234]): its leading run of
 * dotted numbers, whatever follows ("6.4.0.1234 beta"). Null when it does not start with a number,
 * so such a version is never called newer or older than another.
 */
export function versionParts(version: string): number[] | null {
  const match = /^\s*v?(\d+(?:\.\d+)*)/i.exec(version);
  if (!match?.[1]) return null;
  return match[1].split(".").map(Number);
}

/**
 * Orders two versions by their dotted parts as numbers, so 6.10 is newer than 6.9 (as text it is
 * not); missing parts count as 0 (6.4 = 6.4.0). Negative when `a` is older, positive when newer.
 */
export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The newest of the versions seen and, oldest first, those older than it. Versions that do not
 * start with a number are left out of both.
 */
export function olderThanNewest(versions: string[]): { newest: string | null; older: string[] } {
  const parsed = versions.flatMap((v) => {
    const parts = versionParts(v);
    return parts ? [{ v, parts }] : [];
  });
  parsed.sort((x, y) => compareVersions(x.parts, y.parts) || x.v.localeCompare(y.v));
  const newest = parsed.at(-1);
  if (!newest) return { newest: null, older: [] };
  return {
    newest: newest.v,
    older: parsed.filter((p) => compareVersions(p.parts, newest.parts) < 0).map((p) => p.v),
  };
}
