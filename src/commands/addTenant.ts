import * as vscode from 'vscode';
import { askTenantSteps, type TenantAnswers, type TenantStep } from '../tenants/addTenantSteps';
import { defaultLabel, recordFrom, splitCredentials, type Verified } from '../tenants/credentials';
import { UserCancelledError } from '../util/errors';
import { prompts } from '../util/prompts';
import type { CommandContext } from './context';
import {
  confirmHostnames,
  confirmTryAgain,
  confirmUntrustedHost,
  describeSignedIn,
  isAuthFailure,
  verifyWithProgress,
} from '../tenants/signIn';

/**
 * Add Tenant…: a multi-step input (address, sign-in method, credentials) with Back, verified (on a 401 the person
 * goes back to the credentials, the address kept), then saved.
 */
export async function addTenant(ctx: CommandContext): Promise<void> {
  const title = vscode.l10n.t('Add Qlik Cloud Tenant');
  const answers: TenantAnswers = { address: '' };
  let start: TenantStep = 'address';
  const askAboutAddress = async (url: { origin: string; hostname: string }) => {
    const existing = ctx.store.get(url.origin);
    if (existing) {
      const replace = vscode.l10n.t('Replace Credentials');
      const choice = await prompts().confirm(
        vscode.l10n.t('{0} is already in the list as "{1}".', url.origin, existing.label),
        vscode.l10n.t('Sign in again to replace its stored credentials.'),
        replace,
      );
      if (choice !== replace) throw new UserCancelledError();
    }
    await confirmUntrustedHost(url.hostname);
  };
  for (;;) {
    const { url, credentials } = await askTenantSteps(title, answers, start, askAboutAddress);
    const secret = credentials.kind === 'oauth' ? credentials.clientSecret : credentials.apiKey;
    ctx.log.addSecret(secret);
    let verified: Verified;
    try {
      verified = await verifyWithProgress(ctx.log, url.origin, credentials, url.hostname);
    } catch (error) {
      if (!isAuthFailure(error)) throw error;
      await confirmTryAgain(ctx.log, url.origin, credentials.kind, url.hostname);
      // Back to the credentials, the address and client ID kept; a refused secret is not offered again.
      answers.apiKey = undefined;
      answers.clientSecret = undefined;
      start = credentials.kind === 'apiKey' ? 'apiKey' : 'clientId';
      continue;
    }
    await confirmHostnames(url.hostname, verified);
    const existing = ctx.store.get(url.origin);
    const { signIn, secret: stored } = splitCredentials(credentials);
    const label = existing?.label ?? defaultLabel(url.origin, verified.tenant.name);
    await ctx.store.save(recordFrom(url.origin, verified, signIn, label, existing?.addedAt), stored);
    ctx.log.info('tenants', `added ${label} (${url.origin}) as ${verified.user.id} with ${credentials.kind}`);
    void prompts().notify('info', vscode.l10n.t('Connected to {0} as {1}.', label, describeSignedIn(verified)));
    return;
  }
}
