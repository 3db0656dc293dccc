import * as vscode from 'vscode';
import { recordFrom, splitCredentials } from '../tenants/credentials';
import { prompts } from '../util/prompts';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';
import { askSignInMethod, confirmHostnames, confirmUntrustedHost, describeSignedIn, signInUntilAccepted } from '../tenants/signIn';

/** Update Credentials…: a new API key or client secret, verified before it replaces the stored one. */
export async function updateCredentials(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const title = vscode.l10n.t('Update Credentials');
  const tenant = await tenantArg(ctx, arg, title);
  const hostname = new URL(tenant.origin).hostname;
  await confirmUntrustedHost(hostname);
  const kind = await askSignInMethod(vscode.l10n.t('Update Credentials for {0}', tenant.label));
  const clientId = tenant.signIn.kind === 'oauth' ? tenant.signIn.clientId : undefined;
  const { credentials, verified } = await signInUntilAccepted(ctx.log, tenant.origin, kind, title, tenant.label, clientId);
  await confirmHostnames(hostname, verified);
  const { signIn, secret } = splitCredentials(credentials);
  await ctx.store.save(recordFrom(tenant.origin, verified, signIn, tenant.label, tenant.addedAt), secret);
  // The store's secret event drops the old client; drop it here too in case the secret text did not change.
  ctx.pool.drop(tenant.origin);
  ctx.log.info('tenants', `updated the credentials of ${tenant.label}`);
  void prompts().notify(
    'info',
    vscode.l10n.t('Updated the credentials of {0}: signed in as {1}.', tenant.label, describeSignedIn(verified)),
  );
}
