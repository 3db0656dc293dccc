// The API key findings of a tenant (expiring, lapsing, counts, role) and its settings; the tally of a key walk.
// Pure (no vscode).
import * as l10n from '@vscode/l10n';
import type { ApiKey } from '../qlik';
import { formatNumber } from '../util/format';
import { type Finding, type FindingTarget, type HealthInput, type KeyCounts, type KeyWalk, statement } from './healthTypes';

const DAY = 86_400_000;

export function apiKeyFindings(input: HealthInput): Finding[] {
  const read = input.keys;
  if (!read.ok) {
    const text = l10n.t('The API keys could not be read: {0}', input.describe(read.error));
    return [statement('apiKeys/failed', 'warning', text, { kind: 'apiKeys' })];
  }
  const walk = read.value;
  const c = walk.counts;
  const out: Finding[] = [];
  const soonUntil = input.now + input.warningDays * DAY;
  const lapsing = walk.expiring.filter((k) => (k.expiry.date?.getTime() ?? Infinity) <= input.now + DAY);
  const soon = walk.expiring.filter((k) => !lapsing.includes(k) && (k.expiry.date?.getTime() ?? Infinity) <= soonUntil);
  const n = (value: number) => formatNumber(value, input.locale);
  const whose = input.isAdmin ? l10n.t('everybody’s') : l10n.t('yours');
  if (lapsing.length > 0) {
    out.push({
      id: 'apiKeys/lapsing',
      severity: 'critical',
      text:
        lapsing.length === 1
          ? l10n.t('1 API key ({0}) expires within a day.', whose)
          : l10n.t('{0} API keys ({1}) expire within a day.', n(lapsing.length), whose),
      target: { kind: 'apiKeys' },
      actions: [],
      keys: lapsing,
    });
  }
  if (soon.length > 0) {
    out.push({
      id: 'apiKeys/expiring',
      severity: 'warning',
      text:
        soon.length === 1
          ? l10n.t('1 API key ({0}) expires within {1} days.', whose, n(input.warningDays))
          : l10n.t('{0} API keys ({1}) expire within {2} days.', n(soon.length), whose, n(input.warningDays)),
      target: { kind: 'apiKeys' },
      actions: [],
      keys: soon,
    });
  }
  const counted = walk.complete ? '' : ` ${l10n.t('(the first {0} keys)', n(walk.walked))}`;
  out.push({
    id: 'apiKeys/counts',
    severity: 'ok',
    text: l10n.t('API keys ({0}): {1} active, {2} expired, {3} revoked.', whose, n(c.active), n(c.expired), n(c.revoked)) + counted,
    target: { kind: 'apiKeys' },
    actions: [],
  });
  if (!input.isAdmin) {
    out.push({
      id: 'apiKeys/role',
      severity: 'ok',
      text: l10n.t('Other users’ API keys need the TenantAdmin role: only yours are counted.'),
      target: { kind: 'apiKeys' },
      actions: [],
    });
  }
  return out;
}

export function settingsFindings(input: HealthInput): Finding[] {
  const read = input.settings;
  const target: FindingTarget = { kind: 'settings' };
  if (!read.ok) {
    return [
      input.forbidden(read.error)
        ? { id: 'settings/role', severity: 'ok', text: l10n.t('The API key settings need the TenantAdmin role.'), target, actions: [] }
        : {
            id: 'settings/failed',
            severity: 'warning',
            text: l10n.t('The API key settings could not be read: {0}', input.describe(read.error)),
            target,
            actions: [],
          },
    ];
  }
  const s = read.value;
  const out: Finding[] = [];
  if (s.apiKeysEnabled === false) {
    out.push({
      id: 'settings/disabled',
      severity: 'warning',
      text: l10n.t('API keys are turned off on this tenant.'),
      target,
      actions: [],
    });
  }
  if (s.maxKeysPerUser === 0) {
    out.push({
      id: 'settings/zero',
      severity: 'warning',
      text: l10n.t('Nobody may create API keys (at most 0 a user).'),
      target,
      actions: [],
    });
  }
  out.push({
    id: 'settings/summary',
    severity: 'ok',
    text: l10n.t(
      'Settings: at most {0} keys a user, longest expiry {1}, SCIM keys {2}.',
      s.maxKeysPerUser ?? '?',
      s.maxApiKeyExpiry ?? '?',
      s.scimExternalClientExpiry ?? '?',
    ),
    target,
    actions: [],
  });
  return out;
}

/** Counts and keys expiring within `horizonDays`, from pages of keys as they come. */
export class KeyTally {
  readonly counts: KeyCounts = { active: 0, expired: 0, revoked: 0, other: 0 };
  readonly expiring: ApiKey[] = [];
  walked = 0;

  constructor(
    private readonly now: number,
    private readonly horizonDays: number,
  ) {}

  add(keys: readonly ApiKey[]): void {
    const until = this.now + this.horizonDays * DAY;
    for (const k of keys) {
      this.walked++;
      const s = k.knownStatus;
      if (s === 'active' || s === 'expired' || s === 'revoked') this.counts[s]++;
      else this.counts.other++;
      const at = k.expiry.date?.getTime();
      if (s === 'active' && at !== undefined && at <= until) this.expiring.push(k);
    }
  }

  result(complete: boolean, pages: number): KeyWalk {
    const expiring = [...this.expiring].sort((a, b) => (a.expiry.date?.getTime() ?? 0) - (b.expiry.date?.getTime() ?? 0));
    return { counts: { ...this.counts }, expiring, complete, walked: this.walked, pages };
  }
}
