import { keyStatus, type ApiKey } from '../state';
import { iso } from '../util';

export function keyBody(key: ApiKey, tenantId: string, nowMs: number): Record<string, unknown> {
  return {
    id: key.id,
    sub: key.sub,
    expiry: iso(key.expiryMs),
    status: keyStatus(key, nowMs),
    created: iso(key.createdMs),
    subType: key.subType,
    tenantId,
    description: key.description,
    lastUpdated: iso(key.lastUpdatedMs),
    createdByUser: key.createdByUser,
  };
}
