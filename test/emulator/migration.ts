import type { Migration, TenantState } from './state';
import { iso, NEVER } from './util';

/** Migration state is computed from elapsed time; control actions split it into segments. */
export type MigrationPhase = 'New' | 'InProgress' | 'Completed';

/** The first 10 % of the duration is spent in `New`. */
const NEW_FRACTION = 0.1;

export function fraction(m: Migration, nowMs: number): number {
  if (m.completedMs !== undefined) return 1;
  const running = m.paused ? 0 : (nowMs - m.segmentStartMs) / Math.max(1, m.durationMs);
  return Math.min(1, m.fractionAtSegmentStart + running);
}

export function phase(m: Migration, nowMs: number): MigrationPhase {
  const f = fraction(m, nowMs);
  if (f >= 1) return 'Completed';
  return f < NEW_FRACTION ? 'New' : 'InProgress';
}

export function progress(m: Migration, nowMs: number): number {
  const f = fraction(m, nowMs);
  if (f >= 1) return 100;
  if (f < NEW_FRACTION) return 0;
  return Math.min(99, Math.max(1, Math.floor(((f - NEW_FRACTION) / (1 - NEW_FRACTION)) * 100)));
}

export function isRunning(state: TenantState, nowMs: number): boolean {
  return state.migration !== undefined && phase(state.migration, nowMs) !== 'Completed';
}

/** Applies a migration that has reached the end: the target becomes current, the old one is demoted. */
export function tick(state: TenantState, nowMs: number): void {
  const m = state.migration;
  if (!m || m.completedMs !== undefined || fraction(m, nowMs) < 1) return;
  const doneMs = m.paused ? nowMs : Math.min(nowMs, m.segmentStartMs + (1 - m.fractionAtSegmentStart) * m.durationMs);
  m.completedMs = Math.max(m.initiatedMs, doneMs);
  const from = state.providers.get(state.currentFingerprint);
  const to = state.providers.get(m.toFingerprint);
  if (to && from !== to) {
    if (from) from.demotedFromCurrentAt = iso(m.completedMs);
    to.promotedToCurrentAt = iso(m.completedMs);
    state.currentFingerprint = to.fingerprint;
  }
}

function fold(m: Migration, nowMs: number): void {
  m.fractionAtSegmentStart = fraction(m, nowMs);
  m.segmentStartMs = nowMs;
}

export function control(state: TenantState, action: 'pause' | 'resume' | 'complete' | 'speed', nowMs: number, seconds?: number): void {
  const m = state.migration;
  if (!m || m.completedMs !== undefined) return;
  fold(m, nowMs);
  if (action === 'pause') m.paused = true;
  else if (action === 'resume') m.paused = false;
  else if (action === 'complete') m.fractionAtSegmentStart = 1;
  else if (seconds !== undefined) m.durationMs = seconds * 1000;
  tick(state, nowMs);
}

export function migrationBody(m: Migration, tenantId: string, nowMs: number): Record<string, unknown> {
  return {
    id: m.id,
    state: phase(m, nowMs),
    progress: progress(m, nowMs),
    tenantId,
    completedAt: m.completedMs === undefined ? NEVER : iso(m.completedMs),
    initiatedAt: iso(m.initiatedMs),
    migratingTo: m.toArn,
    migratingFrom: m.fromArn,
    migratingToPrefix: m.toFingerprint.slice(0, 8),
    migratingToFingerprint: m.toFingerprint,
  };
}
