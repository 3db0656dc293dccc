import * as vscode from 'vscode';
import { normalizeTenantUrl } from '../qlik/tenantUrl';
import { defaultLabel, recordFrom, splitCredentials } from '../tenants/credentials';
import { UserCancelledError } from '../util/errors';
import { inputOrCancel, prompts } from '../util/prompts';
import type { CommandContext } from './context';
import { askSignInMethod, confirmHostnames, confirmUntrustedHost, describeSignedIn, signInUntilAccepted } from './signIn';

/** Add Tenant…: address, sign-in method, credentials verified (again on a 401), then saved. */
export async function addTenant(ctx: CommandContext): Promise<void> {
  const title = vscode.l10n.t('Add Qlik Cloud Tenant');
  const address = await inputOrCancel({
    title,
    prompt: vscode.l10n.t('The tenant address, for example acme.eu.qlikcloud.com or a URL from the browser'),
    placeHolder: 'acme.eu.qlikcloud.com',
    validateInput: (value) => {
      const r = normalizeTenantUrl(value);
      return r.ok ? undefined : r.error;
    },
  });
  const url = normalizeTenantUrl(address);
  if (!url.ok) throw new UserCancelledError();
  const origin = url.origin;
  const existing = ctx.store.get(origin);
  if (existing) {
    const replace = vscode.l10n.t('Replace Credentials');
    const choice = await prompts().confirm(
      vscode.l10n.t('{0} is already in the list as "{1}".', origin, existing.label),
      vscode.l10n.t('Sign in again to replace its stored credentials.'),
      replace,
    );
    if (choice !== replace) throw new UserCancelledError();
  }
  await confirmUntrustedHost(url.hostname);
  const kind = await askSignInMethod(title);
  const { credentials, verified } = await signInUntilAccepted(ctx, origin, kind, title, url.hostname);
  await confirmHostnames(url.hostname, verified);
  const { signIn, secret } = splitCredentials(credentials);
  const label = existing?.label ?? defaultLabel(origin, verified.tenant.name);
  await ctx.store.save(recordFrom(origin, verified, signIn, label, existing?.addedAt), secret);
  ctx.log.info('tenants', `added ${label} (${origin}) as ${verified.user.id} with ${kind}`);
  void prompts().notify('info', vscode.l10n.t('Connected to {0} as {1}.', label, describeSignedIn(verified)));
}
