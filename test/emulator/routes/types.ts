import type { Principal } from '../auth';
import type { Ctx } from '../http';
import type { Modes } from '../modes';
import type { Tenant } from '../tenant';

export interface RouteEnv {
  tenant: Tenant;
  principal: Principal;
  secret: Buffer;
  now: number;
  modes: Modes;
}

export interface Route {
  method: string;
  pattern: RegExp;
  handle(ctx: Ctx, env: RouteEnv, params: string[]): void;
}
