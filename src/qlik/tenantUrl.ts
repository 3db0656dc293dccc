// Tenant address normalisation and origin rules. Pure: safe to bundle into a webview.
import * as l10n from '@vscode/l10n';
import { hasSpaceOrInvisible } from './jsonPatch';

export type TenantUrlResult = { ok: true; origin: string; hostname: string; loopback: boolean } | { ok: false; error: string };

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i;

/** 127.0.0.0/8, localhost and [::1]. Takes a URL hostname (IPv6 in brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h === '[::1]' || h === '::1') return true;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return !!m && m[1] === '127' && m.slice(2).every((p) => Number(p) <= 255);
}

/**
 * The domains Qlik Cloud tenants live under, from Qlik's own help pages (tenant URLs are
 * https://<tenant>.<region>.qlikcloud.com; aliases are under the same domain). Another domain may be a real Qlik
 * deployment we could not confirm, or somebody else's server: Add Tenant asks before sending it a key.
 */
export const QLIK_CLOUD_DOMAINS = ['qlikcloud.com'] as const;

/** A host under one of QLIK_CLOUD_DOMAINS (not the bare domain, and not a look-alike such as x.qlikcloud.com.evil.net). */
export function isQlikCloudHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return QLIK_CLOUD_DOMAINS.some((d) => h.endsWith(`.${d}`) && h.length > d.length + 1);
}

/** The host names a tenant says it has (tenants/me `hostnames`) do not include the one we talk to. */
export function hostnameMismatch(hostname: string, hostnames: readonly string[]): boolean {
  const h = hostname.toLowerCase();
  return hostnames.length > 0 && !hostnames.some((n) => n.toLowerCase() === h);
}

/**
 * Turns what a person types (acme.eu.qlikcloud.com, https://acme.eu.qlikcloud.com/hub/) into the tenant origin.
 * HTTPS only, except plain HTTP to loopback; no user-info; path, query and fragment are dropped.
 * Without a scheme, https is assumed (http for loopback addresses, where the emulator runs).
 */
export function normalizeTenantUrl(input: string): TenantUrlResult {
  if (typeof input !== 'string') return { ok: false, error: l10n.t('Enter the tenant address, for example acme.eu.qlikcloud.com.') };
  const text = input.trim();
  if (text === '') return { ok: false, error: l10n.t('Enter the tenant address, for example acme.eu.qlikcloud.com.') };
  if (text.length > 2048) return { ok: false, error: l10n.t('This address is too long.') };
  if (hasSpaceOrInvisible(text) || text.includes('\\')) {
    return { ok: false, error: l10n.t('The address must not contain spaces, backslashes or invisible characters.') };
  }
  const authority = (HAS_SCHEME.test(text) ? text.replace(HAS_SCHEME, '') : text).split(/[/?#]/)[0] ?? '';
  if (authority.includes('@')) return { ok: false, error: l10n.t('The address must not contain a user name or password.') };
  // Qlik Cloud host names are ASCII: an emoji or a look-alike letter would become another (punycode) host.
  if (/[^\x21-\x7e]/.test(authority))
    return { ok: false, error: l10n.t('The host name must use plain ASCII letters, digits, dots and dashes.') };
  let candidate = text;
  if (!HAS_SCHEME.test(text)) {
    if (OTHER_SCHEME.test(text) && !/^[^:/]+:\d/.test(text)) {
      return { ok: false, error: l10n.t('Only https:// addresses are supported.') };
    }
    const hostGuess = /^(\[[^\]]*\]|[^/:?#]*)/.exec(text)?.[1] ?? '';
    candidate = `${isLoopbackHost(hostGuess) ? 'http' : 'https'}://${text}`;
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, error: l10n.t('This is not a valid address.') };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: l10n.t('Only https:// addresses are supported, not {0}.', url.protocol) };
  }
  if (url.username || url.password || /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(candidate)) {
    return { ok: false, error: l10n.t('The address must not contain a user name or password.') };
  }
  // acme.eu.qlikcloud.com. (a fully qualified name) is the same tenant as acme.eu.qlikcloud.com: one origin for both.
  // Not for loopback names: "localhost." may go to DNS, so it stays a host of its own (and no plain HTTP).
  if (url.hostname.endsWith('.') && !isLoopbackHost(url.hostname.slice(0, -1))) url.hostname = url.hostname.slice(0, -1);
  const hostname = url.hostname;
  if (!hostname) return { ok: false, error: l10n.t('The address has no host name.') };
  const loopback = isLoopbackHost(hostname);
  if (url.protocol === 'http:' && !loopback) {
    return { ok: false, error: l10n.t('Use https://: plain http is only allowed for this computer (localhost).') };
  }
  if (!loopback && !hostname.startsWith('[') && !hostname.includes('.')) {
    return { ok: false, error: l10n.t('Enter the full host name, for example acme.eu.qlikcloud.com.') };
  }
  // URL keeps characters such as "=" or "!" in a host name; DNS names have letters, digits, dots and dashes only.
  if (!loopback && !hostname.startsWith('[') && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(hostname)) {
    return { ok: false, error: l10n.t('The host name must use plain ASCII letters, digits, dots and dashes.') };
  }
  return { ok: true, origin: url.origin, hostname, loopback };
}
