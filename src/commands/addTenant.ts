import * as vscode from 'vscode';
import { hostnameMismatch, isQlikCloudHost, normalizeTenantUrl } from '../qlik/tenantUrl';
import { defaultLabel, recordFrom, splitCredentials } from '../tenants/credentials';
import { UserCancelledError } from '../util/errors';
import { inputOrCancel, prompts } from '../util/prompts';
import type { CommandContext } from './context';
import { askSignInMethod, describeSignedIn, signInUntilAccepted } from './signIn';

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);

/** Add Tenant…: address, sign-in method, credentials verified (again on a 401), then saved. */
export async function addTenant(ctx: CommandContext): Promise<void> {
  const title = t('Add Qlik Cloud Tenant');
  const address = await inputOrCancel({
    title,
    prompt: t('The tenant address, for example acme.eu.qlikcloud.com or a URL from the browser'),
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
    const replace = t('Replace Credentials');
    const choice = await prompts().confirm(
      t('{0} is already in the list as "{1}".', origin, existing.label),
      t('Sign in again to replace its stored credentials.'),
      replace,
    );
    if (choice !== replace) throw new UserCancelledError();
  }
  if (!url.loopback && !isQlikCloudHost(url.hostname)) {
    const send = t('Send Credentials to {0}', url.hostname);
    const choice = await prompts().confirm(
      t('{0} is not a Qlik Cloud address (*.qlikcloud.com).', url.hostname),
      t('The API key or OAuth client secret you enter next will be sent to this host. Continue only if it is your Qlik tenant and you trust it.'),
      send,
    );
    if (choice !== send) throw new UserCancelledError();
  }
  const kind = await askSignInMethod(title);
  const { credentials, verified } = await signInUntilAccepted(ctx, origin, kind, title, url.hostname);
  if (!url.loopback && hostnameMismatch(url.hostname, verified.tenant.hostnames)) {
    const keep = t('Add Anyway');
    const choice = await prompts().confirm(
      t('{0} answered as a tenant whose addresses are {1}.', url.hostname, verified.tenant.hostnames.join(', ')),
      t('The address you typed is not one of them: it may be an alias Qlik Cloud does not list, or a server that passes for another tenant. The credentials were sent to {0} only.', url.hostname),
      keep,
    );
    if (choice !== keep) throw new UserCancelledError();
  }
  const { signIn, secret } = splitCredentials(credentials);
  const label = existing?.label ?? defaultLabel(origin, verified.tenant.name);
  await ctx.store.save(recordFrom(origin, verified, signIn, label, existing?.addedAt), secret);
  ctx.log.info('tenants', `added ${label} (${origin}) as ${verified.user.id} with ${kind}`);
  void prompts().notify('info', t('Connected to {0} as {1}.', label, describeSignedIn(verified)));
}
