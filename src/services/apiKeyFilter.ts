// The API Keys filter of one tenant: status, owner and sort, as list parameters and in words. No vscode import.
import * as l10n from '@vscode/l10n';
import type { ApiKey, ApiKeySort, ListApiKeysParams } from '../qlik';

export type ApiKeyStatusFilter = 'active' | 'expired' | 'revoked';

export interface ApiKeyFilter {
  /** Only keys with this status; absent = every status. */
  status?: ApiKeyStatusFilter;
  /** 'me' = the signed-in user's keys; a user ID = that user's keys; absent = everyone (TenantAdmin) or me. */
  owner?: string;
  /** Absent = newest first (-created). */
  sort?: ApiKeySort;
}

export const DEFAULT_SORT: ApiKeySort = '-created';

/** The documented sort values in words. The unsigned values mean the same as "+", so each order is offered once. */
export const SORT_CHOICES: readonly ApiKeySort[] = [
  '-created',
  '+created',
  '+description',
  '-description',
  '+status',
  '-status',
  '+sub',
  '-sub',
  '+createdByUser',
  '-createdByUser',
];

/** A sort order in words, in the display language ("+" and unsigned ascending, "-" descending). */
export function sortInWords(sort: ApiKeySort | undefined): string {
  const s = sort ?? DEFAULT_SORT;
  const down = s.startsWith('-');
  const field = s.replace(/^[+-]/, '');
  if (field === 'created') return down ? l10n.t('newest first') : l10n.t('oldest first');
  if (field === 'description') return down ? l10n.t('description Z to A') : l10n.t('description A to Z');
  if (field === 'status')
    return down ? l10n.t('status Z to A (revoked, expired, active)') : l10n.t('status A to Z (active, expired, revoked)');
  if (field === 'sub') return down ? l10n.t('owner Z to A') : l10n.t('owner A to Z');
  return field === 'createdByUser' ? (down ? l10n.t('creator Z to A') : l10n.t('creator A to Z')) : s;
}

/** A status filter in words. */
export function statusInWords(status: ApiKeyStatusFilter): string {
  return status === 'active' ? l10n.t('active') : status === 'expired' ? l10n.t('expired') : l10n.t('revoked');
}

/** A key's status in words; a status the documents do not list, as the service sent it. */
export function keyStatusInWords(key: Pick<ApiKey, 'status' | 'knownStatus'>): string {
  return key.knownStatus ? statusInWords(key.knownStatus) : key.status;
}

export function isEmptyFilter(filter: ApiKeyFilter | undefined): boolean {
  return (
    !filter || (filter.status === undefined && filter.owner === undefined && (filter.sort === undefined || filter.sort === DEFAULT_SORT))
  );
}

/** The list parameters of the first page. Without TenantAdmin only the user's own keys can be listed. */
export function listParams(
  tenant: { user: { id: string }; roles: string[] },
  pageSize: number,
  filter: ApiKeyFilter | undefined,
): ListApiKeysParams {
  const params: ListApiKeysParams = { sort: filter?.sort ?? DEFAULT_SORT, limit: pageSize };
  if (filter?.status) params.status = filter.status;
  const admin = tenant.roles.includes('TenantAdmin');
  const owner = filter?.owner;
  if (owner === 'me' || !admin) params.sub = tenant.user.id;
  else if (owner) params.sub = owner;
  return params;
}

/** "active · yours · oldest first" ("owner Jane Doe" when the caller knows the name, inert): what the filter shows, for the API Keys node's description. Empty for none. */
export function describeFilter(filter: ApiKeyFilter | undefined, own: { userId: string; ownerName?: string | undefined }): string {
  if (isEmptyFilter(filter)) return '';
  const parts: string[] = [];
  if (filter?.status) parts.push(statusInWords(filter.status));
  if (filter?.owner === 'me' || filter?.owner === own.userId) parts.push(l10n.t('yours'));
  else if (filter?.owner) parts.push(l10n.t('owner {0}', own.ownerName ?? shortId(filter.owner)));
  if (filter?.sort && filter.sort !== DEFAULT_SORT) parts.push(sortInWords(filter.sort));
  return parts.join(' · ');
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** Keeps only what a filter may hold (a stored value may come from an older version or be edited by hand). */
export function sanitizeFilter(value: unknown): ApiKeyFilter | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const out: ApiKeyFilter = {};
  if (v.status === 'active' || v.status === 'expired' || v.status === 'revoked') out.status = v.status;
  if (typeof v.owner === 'string' && v.owner.trim() !== '') out.owner = v.owner.trim();
  if (typeof v.sort === 'string' && /^[+-]?(createdByUser|sub|status|description|created)$/.test(v.sort)) out.sort = v.sort as ApiKeySort;
  return isEmptyFilter(out) ? undefined : out;
}
