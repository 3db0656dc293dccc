import * as vscode from 'vscode';
import { checkCredential, type CredentialField, QlikApiError } from '../qlik';
import { hostnameMismatch, isLoopbackHost, isQlikCloudHost } from '../qlik/tenantUrl';
import { type Credentials, verifyCredentials, type Verified } from './credentials';
import type { SignInMethod } from './tenantStore';
import { UserCancelledError } from '../util/errors';
import { inputOrCancel, pickOrCancel, prompts, withProgress } from '../util/prompts';
import type { Log } from '../util/log';

export function signInMethodItems() {
  return [
    {
      label: vscode.l10n.t('API key'),
      detail: vscode.l10n.t('Paste an API key created in the tenant (Profile → API keys).'),
      method: 'apiKey' as const,
    },
    {
      label: vscode.l10n.t('OAuth client (machine to machine)'),
      detail: vscode.l10n.t('A client ID and secret from the management console (OAuth). Such clients act as Tenant Admin.'),
      method: 'oauth' as const,
    },
  ];
}

export async function askSignInMethod(title: string): Promise<SignInMethod['kind']> {
  const picked = await pickOrCancel(signInMethodItems(), { title, placeHolder: vscode.l10n.t('How do you sign in to this tenant?') });
  return picked.method;
}

export function credentialValidator(message: string, field: CredentialField) {
  return (value: string) =>
    value.trim() === ''
      ? message
      : /[\s]/.test(value.trim())
        ? vscode.l10n.t('It must not contain spaces.')
        : checkCredential(field, value);
}

export async function askCredentials(kind: SignInMethod['kind'], title: string, clientId?: string): Promise<Credentials> {
  if (kind === 'apiKey') {
    const apiKey = await inputOrCancel({
      title,
      prompt: vscode.l10n.t('The API key (it is kept in VS Code’s secret storage only)'),
      password: true,
      placeHolder: 'eyJhbGciOi…',
      validateInput: credentialValidator(vscode.l10n.t('Paste the API key.'), 'apiKey'),
    });
    return { kind: 'apiKey', apiKey: apiKey.trim() };
  }
  const id = await inputOrCancel({
    title,
    prompt: vscode.l10n.t('The OAuth client ID'),
    value: clientId,
    validateInput: credentialValidator(vscode.l10n.t('Enter the client ID.'), 'clientId'),
  });
  const secret = await inputOrCancel({
    title,
    prompt: vscode.l10n.t('The OAuth client secret (it is kept in VS Code’s secret storage only)'),
    password: true,
    validateInput: credentialValidator(vscode.l10n.t('Paste the client secret.'), 'clientSecret'),
  });
  return { kind: 'oauth', clientId: id.trim(), clientSecret: secret.trim() };
}

/** Signs in under a progress notification; the Cancel button aborts the requests. */
export async function verifyWithProgress(log: Log, origin: string, credentials: Credentials, label: string): Promise<Verified> {
  return withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to {0}…', label), cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        const host = new URL(origin).host;
        return await verifyCredentials(origin, credentials, (entry) => log.request(host, entry), abort.signal);
      } catch (error) {
        if (token.isCancellationRequested) throw new UserCancelledError();
        throw error;
      } finally {
        sub.dispose();
      }
    },
  );
}

export function isAuthFailure(error: unknown): boolean {
  return error instanceof QlikApiError && error.status === 401;
}

/**
 * Asks for credentials and verifies them until they work. On a 401 the person is told the key is wrong or expired
 * and may try again without retyping the address; anything else ends the command through the error path.
 */
export async function signInUntilAccepted(
  log: Log,
  origin: string,
  kind: SignInMethod['kind'],
  title: string,
  label: string,
  clientId?: string,
): Promise<{ credentials: Credentials; verified: Verified }> {
  let lastClientId = clientId;
  for (;;) {
    const credentials = await askCredentials(kind, title, lastClientId);
    if (credentials.kind === 'oauth') lastClientId = credentials.clientId;
    log.addSecret(credentials.kind === 'oauth' ? credentials.clientSecret : credentials.apiKey);
    try {
      return { credentials, verified: await verifyWithProgress(log, origin, credentials, label) };
    } catch (error) {
      if (!isAuthFailure(error)) throw error;
      await confirmTryAgain(log, origin, kind, label);
    }
  }
}

/** After a 401: says the credentials were refused and asks whether to try others; a no is a cancel. */
export async function confirmTryAgain(log: Log, origin: string, kind: SignInMethod['kind'], label: string): Promise<void> {
  log.warn('tenants', `sign-in to ${origin} refused (HTTP 401)`);
  const again = vscode.l10n.t('Try Again');
  const message =
    kind === 'apiKey'
      ? vscode.l10n.t('{0} did not accept this API key: it may be wrong, expired or revoked.', label)
      : vscode.l10n.t('{0} did not accept this OAuth client: the client ID or secret may be wrong, or the client was deleted.', label);
  const choice = await prompts().confirm(message, vscode.l10n.t('Try again with other credentials; the address is kept.'), again);
  if (choice !== again) throw new UserCancelledError();
}

export function describeSignedIn(verified: Verified): string {
  const roles = verified.user.roleNames.length ? verified.user.roleNames.join(', ') : vscode.l10n.t('no roles');
  return vscode.l10n.t('{0} ({1})', verified.user.name, roles);
}

/** A host a key may go to without asking: Qlik Cloud's own domain, or loopback (the emulator). */
export function isTrustedHost(hostname: string): boolean {
  return isLoopbackHost(hostname) || isQlikCloudHost(hostname);
}

/** Asks once, in words, before a key or client secret goes to a host outside Qlik Cloud; a no is a cancel. */
export async function confirmUntrustedHost(hostname: string): Promise<void> {
  if (isTrustedHost(hostname)) return;
  const send = vscode.l10n.t('Send Credentials to {0}', hostname);
  const choice = await prompts().confirm(
    vscode.l10n.t('{0} is not a Qlik Cloud address (*.qlikcloud.com).', hostname),
    vscode.l10n.t(
      'The API key or OAuth client secret you enter next will be sent to this host. Continue only if it is your Qlik tenant and you trust it.',
    ),
    send,
  );
  if (choice !== send) throw new UserCancelledError();
}

/** The host names the tenant reports (tenants/me), when the address is not among them; undefined when it is. */
export function otherHostnames(hostname: string, verified: Verified): string[] | undefined {
  return !isLoopbackHost(hostname) && hostnameMismatch(hostname, verified.tenant.hostnames) ? verified.tenant.hostnames : undefined;
}

/** After sign-in: asks before keeping a tenant that says it lives at other addresses; a no is a cancel. */
export async function confirmHostnames(hostname: string, verified: Verified): Promise<void> {
  const others = otherHostnames(hostname, verified);
  if (!others) return;
  const keep = vscode.l10n.t('Keep Anyway');
  const choice = await prompts().confirm(
    vscode.l10n.t('{0} answered as a tenant whose addresses are {1}.', hostname, others.join(', ')),
    vscode.l10n.t(
      'The address you typed is not one of them: it may be an alias Qlik Cloud does not list, or a server that passes for another tenant. The credentials were sent to {0} only.',
      hostname,
    ),
    keep,
  );
  if (choice !== keep) throw new UserCancelledError();
}
