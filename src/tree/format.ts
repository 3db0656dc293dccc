// The tree's own settings, kept within what the service accepts. Formatting lives in util/format.ts.

/** The page size setting, kept within what the service accepts (1 to 100). */
export function clampPageSize(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : 50;
  return Math.min(100, Math.max(1, n));
}

export function clampWarningDays(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : 7;
  return Math.min(3650, Math.max(0, n));
}
