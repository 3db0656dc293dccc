// Pure timing rules of the migration service (unit-tested in plain Node).

export function clamp(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** The next delay after `failures` failed polls in a row: the poll interval doubled per failure, at most a minute. */
export function backoffSeconds(pollSeconds: number, failures: number): number {
  if (failures <= 0) return pollSeconds;
  return Math.min(60, pollSeconds * 2 ** Math.min(failures, 6));
}
