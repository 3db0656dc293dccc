// Who am I and which tenant: both answer with a same-origin redirect, followed by the HTTP core.
import type { HttpCore } from './http';
import { type Tenant, toTenant, toUser, type User } from './model';
import { TenantSchema, UserSchema } from './schemas';
import type { CallOptions } from './encryption';

export class IdentityApi {
  constructor(private readonly http: HttpCore) {}

  async me(o: CallOptions = {}): Promise<User> {
    const body = await this.http.read(UserSchema, { endpoint: 'identity.me', url: '/api/v1/users/me', signal: o.signal });
    return toUser(body);
  }

  /** The tenant, whose `id` is what the API key configuration endpoints need. */
  async tenant(o: CallOptions = {}): Promise<Tenant> {
    const body = await this.http.read(TenantSchema, { endpoint: 'identity.tenant', url: '/api/v1/tenants/me', signal: o.signal });
    return toTenant(body);
  }
}
