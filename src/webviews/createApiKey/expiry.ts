// The expiry choice of the Create API Key form: presets, the tenant maximum, a custom ISO 8601 duration. Pure.
import * as l10n from '@vscode/l10n';
import { parseDuration } from '../../qlik/duration';
import { checkExpiryAgainstMaximum, durationWords } from '../../util/format';

export interface Preset {
  iso: string;
  label: string;
}

/** The preset durations (labels read after the page's l10n bundle is configured). */
export function presets(): Preset[] {
  return [
    { iso: 'P1D', label: l10n.t('1 day') },
    { iso: 'P7D', label: l10n.t('7 days') },
    { iso: 'P30D', label: l10n.t('30 days') },
    { iso: 'P90D', label: l10n.t('90 days') },
  ];
}

/** A duration in words ("90 days"); the text itself when it is not an ISO 8601 duration. */
export function words(iso: string | undefined, locale = 'en'): string {
  if (!iso) return l10n.t('unknown');
  const d = parseDuration(iso);
  return d.ok ? durationWords(d.value, locale) : iso;
}

export function maximumLabel(max: string | undefined, locale = 'en'): string {
  return max ? l10n.t('The tenant maximum ({0}, {1})', words(max, locale), max) : l10n.t('The tenant maximum');
}

export function isOverMaximum(iso: string, max: string | undefined, locale = 'en'): boolean {
  return max ? checkExpiryAgainstMaximum(iso, max, locale) !== undefined : false;
}

/**
 * The expiry to send (undefined: the tenant maximum) and what is wrong with it, for a choice of a preset's ISO
 * duration, 'max' or 'custom' (then `custom` as typed).
 */
export function chosenExpiry(
  choice: string,
  custom: string,
  max: string | undefined,
  locale = 'en',
): { iso?: string; problem?: string; words?: string } {
  if (choice === 'max') return { words: max ? words(max, locale) : undefined };
  const iso = choice === 'custom' ? custom.trim() : choice;
  if (choice === 'custom' && iso === '') {
    return { problem: l10n.t('Enter an ISO 8601 duration, for example P14D (14 days) or PT12H (12 hours).') };
  }
  const problem = checkExpiryAgainstMaximum(iso, max, locale);
  const parsed = parseDuration(iso);
  return { iso: parsed.ok ? parsed.iso : iso, problem, words: parsed.ok ? durationWords(parsed.value, locale) : undefined };
}
