import * as vscode from 'vscode';
import type { KeyProvider } from '../qlik';
import type { TenantRecord } from '../tenants/tenantStore';
import { KeyProviderNode } from '../tree/keyProviderNode';
import { UserFacingError } from '../util/errors';
import type { CommandContext } from './context';
import { resolveKeyProvider, resolveTenant } from './pickers';

/** A key provider named by tenant and fingerprint, or by ARN when the service sent no fingerprint (from a webview panel or another command). */
export interface KeyProviderRef {
  origin: string;
  fingerprint: string;
  arn?: string;
}

export function isKeyProviderRef(arg: unknown): arg is KeyProviderRef {
  return (
    typeof arg === 'object' &&
    arg !== null &&
    typeof (arg as KeyProviderRef).origin === 'string' &&
    typeof (arg as KeyProviderRef).fingerprint === 'string' &&
    !(arg instanceof KeyProviderNode)
  );
}

/**
 * The key provider a command is about: a tree node, a reference, or (from the palette) quick picks for the tenant and
 * the provider. `applies` says whether the command applies to it; `why` is the sentence when it does not.
 */
export async function keyProviderFor(
  ctx: CommandContext,
  arg: unknown,
  title: string,
  applies: (p: KeyProvider) => boolean,
  why: (p: KeyProvider) => string,
): Promise<{ tenant: TenantRecord; provider: KeyProvider }> {
  let found: { tenant: TenantRecord; provider: KeyProvider };
  if (isKeyProviderRef(arg)) {
    const tenant = await resolveTenant(ctx, arg.origin, title);
    const client = await ctx.pool.get(tenant.origin);
    const listed = await client.encryption.listAll();
    const provider =
      (arg.fingerprint ? listed.find((p) => p.fingerprint === arg.fingerprint) : undefined) ??
      (arg.arn ? listed.find((p) => p.arn === arg.arn) : undefined);
    if (!provider) throw new UserFacingError(vscode.l10n.t('This key provider is no longer registered on {0}.', tenant.label));
    found = { tenant, provider };
  } else {
    found = await resolveKeyProvider(ctx, arg, title, applies);
  }
  if (!applies(found.provider)) throw new UserFacingError(why(found.provider));
  if (!found.provider.fingerprint) throw new UserFacingError(vscode.l10n.t('Qlik Cloud sent no fingerprint for {0}.', found.provider.name));
  return found;
}

/** The tree shows the tenant's key providers again (when expanded). */
export function refreshEncryption(ctx: CommandContext, origin: string): void {
  ctx.tree.tenantNode(origin)?.encryption.refresh();
}
