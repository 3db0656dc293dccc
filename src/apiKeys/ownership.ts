// Delete or revoke: the service deletes a key its owner (or creator) removes, and revokes another user's key when a
// TenantAdmin removes it. The wording follows what will happen.
import type { ApiKey } from '../qlik';

export type RemoveAction = 'delete' | 'revoke';

export function isOwnKey(key: Pick<ApiKey, 'sub' | 'createdByUser'>, userId: string): boolean {
  return key.sub === userId || key.createdByUser === userId;
}

export function removeActionFor(key: Pick<ApiKey, 'sub' | 'createdByUser'>, userId: string): RemoveAction {
  return isOwnKey(key, userId) ? 'delete' : 'revoke';
}
