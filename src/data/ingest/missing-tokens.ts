/**
 * Missing-value tokens: a cell equal to one of them (trimmed, case-insensitive) is missing.
 * An empty or whitespace-only cell is always missing, whatever the list says.
 */
export const DEFAULT_MISSING_TOKENS: readonly string[] = [
  '',
  'NA',
  'N/A',
  'NaN',
  '-',
  '--',
  'null',
  'sin dato',
  's.d.',
];

export type MissingMatcher = (cell: string) => boolean;

/** Build a matcher for the given tokens (defaults to DEFAULT_MISSING_TOKENS). */
export function createMissingMatcher(
  tokens: readonly string[] = DEFAULT_MISSING_TOKENS,
): MissingMatcher {
  const set = new Set(tokens.map((t) => t.trim().toLowerCase()));
  let maxLength = 0;
  for (const t of set) maxLength = Math.max(maxLength, t.length);
  return (cell: string): boolean => {
    // Cheap reject before trimming: a long cell can only match if it is mostly padding.
    if (cell.length > maxLength && cell.charCodeAt(0) > 32 && cell.charCodeAt(cell.length - 1) > 32)
      return false;
    const t = cell.trim();
    if (t === '') return true;
    return t.length <= maxLength && set.has(t.toLowerCase());
  };
}
