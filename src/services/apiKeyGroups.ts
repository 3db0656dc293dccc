// How the API Keys group is divided (none, by status, by owner) and what a search matches. No vscode import.
import type { ApiKey, ListApiKeysParams } from '../qlik';
import type { ApiKeyFilter, ApiKeyStatusFilter } from './apiKeyFilter';

export type ApiKeyGrouping = 'none' | 'status' | 'owner';

/** One slice of a tenant's keys, listed and paged on its own. */
export type SliceSpec =
  | { readonly kind: 'status'; readonly status: ApiKeyStatusFilter }
  | { readonly kind: 'expiringSoon' }
  | { readonly kind: 'owner'; readonly sub: string };

/** The status groups, in the order shown: what needs action first. */
export const STATUS_SLICES: readonly SliceSpec[] = [
  { kind: 'expiringSoon' },
  { kind: 'status', status: 'active' },
  { kind: 'status', status: 'expired' },
  { kind: 'status', status: 'revoked' },
];

/** Pages of 100 an "Expiring soon" load reads at the most before it shows what it found (then Load more goes on). */
export const SCAN_PAGES_PER_LOAD = 10;

/** The walk bound of a search: pages of 100 (qlikCloud.apiKeys.searchMaxPages, 1 to 1,000; 200 = 20,000 keys). */
export const DEFAULT_SEARCH_PAGES = 200;
export const MAX_SEARCH_PAGES = 1000;

export function clampSearchPages(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : DEFAULT_SEARCH_PAGES;
  return Math.min(MAX_SEARCH_PAGES, Math.max(1, n));
}

export function sanitizeGrouping(value: unknown): ApiKeyGrouping {
  return value === 'status' || value === 'owner' ? value : 'none';
}

/** A stable name of a slice, for ids and the service's map. */
export function sliceId(spec: SliceSpec): string {
  if (spec.kind === 'expiringSoon') return 'expiringSoon';
  return spec.kind === 'status' ? `status:${spec.status}` : `owner:${spec.sub}`;
}

/**
 * The status slices the filter leaves: all four, or those of the filter's status ("active" keeps Expiring soon,
 * which is a part of the active keys).
 */
export function statusSlicesFor(filter: ApiKeyFilter | undefined): SliceSpec[] {
  const status = filter?.status;
  if (!status) return [...STATUS_SLICES];
  return STATUS_SLICES.filter((s) => (s.kind === 'expiringSoon' ? status === 'active' : s.kind === 'status' && s.status === status));
}

/** The list parameters of a slice's first page: the tenant's own parameters narrowed by the slice. */
export function sliceParams(base: ListApiKeysParams, spec: SliceSpec): ListApiKeysParams {
  if (spec.kind === 'status') return { ...base, status: spec.status };
  // Expiring soon is not a server-side filter: active keys are read in pages of 100 and sifted here.
  if (spec.kind === 'expiringSoon') return { ...base, status: 'active', limit: 100 };
  return { ...base, sub: spec.sub };
}

export interface OwnerGroup {
  sub: string;
  label: string;
  /** The loaded keys of this owner (their own group lists and pages them server-side when opened). */
  loaded: number;
}

/** The owners among the loaded keys, the most keys first, then by label. `label` names an owner (once, for all). */
export function ownerGroups(keys: readonly Pick<ApiKey, 'sub'>[], label: (sub: string) => string): OwnerGroup[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k.sub, (counts.get(k.sub) ?? 0) + 1);
  return [...counts.entries()]
    .map(([sub, loaded]) => ({ sub, label: label(sub), loaded }))
    .sort((a, b) => b.loaded - a.loaded || a.label.localeCompare(b.label) || a.sub.localeCompare(b.sub));
}

/** A search: the text trimmed; empty means none. */
export function normalizeQuery(text: string): string {
  return text.trim().slice(0, 200);
}

/** Text shaped like a key ID (no spaces, 16 or more letters, digits, "-" or "_"): worth one GET by ID first. */
export function looksLikeKeyId(query: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(query);
}

/** A key matches when its description or ID holds the text (case-insensitive). */
export function matchesQuery(key: Pick<ApiKey, 'id' | 'description'>, query: string): boolean {
  const q = query.toLowerCase();
  if (q === '') return false;
  return key.description.toLowerCase().includes(q) || key.id.toLowerCase().includes(q);
}
