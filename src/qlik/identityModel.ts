// The signed-in user (roles) and the tenant, as the extension consumes them.
import { parseQlikDate, type QlikDate } from './dates';
import type { RawTenant, RawUser } from './schemas';

export interface Role {
  id: string | undefined;
  name: string;
  level: string | undefined;
  type: string | undefined;
}

export interface User {
  id: string;
  tenantId: string | undefined;
  name: string;
  email: string | undefined;
  subject: string | undefined;
  status: string | undefined;
  roles: Role[];
  roleNames: string[];
  isTenantAdmin: boolean;
  isDeveloper: boolean;
  createdAt: QlikDate;
  lastUpdatedAt: QlikDate;
  raw: Readonly<Record<string, unknown>>;
}

export function toUser(raw: RawUser): User {
  const roles = (raw.assignedRoles ?? []).map((r) => ({
    id: r.id ?? undefined,
    name: r.name,
    level: r.level ?? undefined,
    type: r.type ?? undefined,
  }));
  const names = roles.map((r) => r.name);
  return {
    id: raw.id,
    tenantId: raw.tenantId ?? undefined,
    name: raw.name || raw.email || raw.subject || raw.id,
    email: raw.email ?? undefined,
    subject: raw.subject ?? undefined,
    status: raw.status ?? undefined,
    roles,
    roleNames: names,
    isTenantAdmin: names.includes('TenantAdmin'),
    isDeveloper: names.includes('Developer'),
    createdAt: parseQlikDate(raw.createdAt),
    lastUpdatedAt: parseQlikDate(raw.lastUpdatedAt),
    raw,
  };
}

export interface Tenant {
  id: string;
  name: string | undefined;
  hostnames: string[];
  region: string | undefined;
  datacenter: string | undefined;
  status: string | undefined;
  created: QlikDate;
  lastUpdated: QlikDate;
  createdByUser: string | undefined;
  raw: Readonly<Record<string, unknown>>;
}

export function toTenant(raw: RawTenant): Tenant {
  return {
    id: raw.id,
    name: raw.name ?? undefined,
    hostnames: raw.hostnames ?? [],
    region: raw.region ?? undefined,
    datacenter: raw.datacenter ?? undefined,
    status: raw.status ?? undefined,
    created: parseQlikDate(raw.created),
    lastUpdated: parseQlikDate(raw.lastUpdated),
    createdByUser: raw.createdByUser ?? undefined,
    raw,
  };
}
