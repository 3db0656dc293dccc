// Delete or revoke, as documented: the service deletes a key when its owner (the key's subject) removes it, and
// revokes it when anyone else with the right role does, even the admin who created it for someone (or a SCIM key).
// The wording follows what will happen.
import type { ApiKey } from '../qlik';

export type RemoveAction = 'delete' | 'revoke';

export function isOwnKey(key: Pick<ApiKey, 'sub'>, userId: string): boolean {
  return key.sub === userId;
}

export function removeActionFor(key: Pick<ApiKey, 'sub'>, userId: string): RemoveAction {
  return isOwnKey(key, userId) ? 'delete' : 'revoke';
}
