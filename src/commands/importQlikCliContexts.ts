import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { normalizeTenantUrl } from '../qlik/tenantUrl';
import { type Credentials, defaultLabel, recordFrom, splitCredentials, verifyCredentials } from '../tenants/credentials';
import { ContextsFileError, contextsFilePath, parseQlikCliContexts, type QlikCliContext } from '../tenants/qlikCliContexts';
import { isTrustedHost, otherHostnames } from '../tenants/signIn';
import { UserCancelledError, UserFacingError } from '../util/errors';
import { errorLine } from '../util/problem';
import { prompts, withProgress } from '../util/prompts';
import { inert, TEXT_LIMITS } from '../util/text';
import type { CommandContext } from './context';
import { count } from '../util/locale';

export interface ImportOutcome {
  name: string;
  ok: boolean;
  reason?: string;
}

/** Import Tenants from qlik-cli…: pick contexts, verify and import each, report what failed and why. Read-only on the file. */
export async function importQlikCliContexts(ctx: CommandContext): Promise<ImportOutcome[]> {
  const file = contextsFilePath();
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new UserFacingError(
      vscode.l10n.t('No qlik-cli contexts found: {0} does not exist. Set QLIK_CLI_USER_HOME_DIR if qlik-cli keeps them elsewhere.', file),
    );
  }
  let contexts: QlikCliContext[];
  try {
    contexts = parseQlikCliContexts(text);
  } catch (error) {
    throw new UserFacingError(error instanceof ContextsFileError ? `${file}: ${error.message}` : String(error));
  }
  if (contexts.length === 0) throw new UserFacingError(vscode.l10n.t('{0} has no Qlik Cloud contexts to import.', file));

  const items = contexts.map((c) => {
    const url = normalizeTenantUrl(c.server);
    const already = url.ok && ctx.store.get(url.origin) !== undefined;
    const problem = !url.ok
      ? url.error
      : c.credentials.kind === 'none'
        ? vscode.l10n.t('cannot import: {0}', c.credentials.reason)
        : undefined;
    return {
      label: c.name,
      description: `${c.server}${c.current ? ` · ${vscode.l10n.t('current context')}` : ''}`,
      detail: problem ?? (already ? vscode.l10n.t('already added: importing it replaces its credentials') : (c.comment ?? undefined)),
      picked: !already && !problem,
      context: c,
    };
  });
  const picked = await prompts().pickMany(items, {
    title: vscode.l10n.t('Import Tenants from qlik-cli'),
    placeHolder: vscode.l10n.t('Choose the contexts to import from {0}', file),
    matchOnDescription: true,
  });
  if (!picked || picked.length === 0) throw new UserCancelledError();
  const chosen = await withoutUntrustedHosts(picked);

  const outcomes = await withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing from qlik-cli'), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      const results: ImportOutcome[] = [];
      try {
        for (const item of chosen) {
          if (token.isCancellationRequested) break;
          progress.report({ message: item.context.name, increment: 100 / chosen.length });
          results.push(await importOne(ctx, item.context, abort.signal));
        }
      } finally {
        sub.dispose();
      }
      return results;
    },
  );
  report(ctx, outcomes);
  return outcomes;
}

/** Contexts whose server is outside Qlik Cloud are imported only when the person says so, in one question. */
async function withoutUntrustedHosts<T extends { context: QlikCliContext }>(picked: T[]): Promise<T[]> {
  const hostOf = (item: T) => {
    const url = normalizeTenantUrl(item.context.server);
    return url.ok ? url.hostname : undefined;
  };
  const outside = [...new Set(picked.map(hostOf).filter((h): h is string => h !== undefined && !isTrustedHost(h)))];
  if (outside.length === 0) return picked;
  const send = vscode.l10n.t('Send Credentials to Them');
  const skip = vscode.l10n.t('Skip Them');
  const choice = await prompts().confirm(
    vscode.l10n.t('{0} of these contexts are not Qlik Cloud addresses (*.qlikcloud.com): {1}.', count(outside.length), outside.join(', ')),
    vscode.l10n.t(
      'Importing them sends their API keys or client secrets to those hosts. Continue only if they are your Qlik tenants and you trust them.',
    ),
    send,
    skip,
  );
  if (choice === send) return picked;
  if (choice === skip) return picked.filter((item) => !outside.includes(hostOf(item) ?? ''));
  throw new UserCancelledError();
}

async function importOne(ctx: CommandContext, c: QlikCliContext, signal: AbortSignal): Promise<ImportOutcome> {
  const url = normalizeTenantUrl(c.server);
  if (!url.ok) return { name: c.name, ok: false, reason: url.error };
  if (c.credentials.kind === 'none')
    return { name: c.name, ok: false, reason: vscode.l10n.t('The context has no usable credentials: {0}.', c.credentials.reason) };
  const credentials: Credentials =
    c.credentials.kind === 'apiKey'
      ? { kind: 'apiKey', apiKey: c.credentials.apiKey }
      : { kind: 'oauth', clientId: c.credentials.clientId, clientSecret: c.credentials.clientSecret };
  const { signIn, secret } = splitCredentials(credentials);
  ctx.log.addSecret(secret);
  try {
    const verified = await verifyCredentials(url.origin, credentials, (entry) => ctx.log.request(c.name, entry), signal);
    const others = otherHostnames(url.hostname, verified);
    if (others)
      return {
        name: c.name,
        ok: false,
        reason: vscode.l10n.t(
          '{0} answered as a tenant whose addresses are {1}: add it with Add Tenant… to confirm.',
          url.hostname,
          others.join(', '),
        ),
      };
    const existing = ctx.store.get(url.origin);
    // A context name is whatever the person who wrote contexts.yml typed: short and inert, like a tenant's own name.
    const label = existing?.label ?? (inert(c.name, TEXT_LIMITS.name).trim() || defaultLabel(url.origin, verified.tenant.name));
    await ctx.store.save(recordFrom(url.origin, verified, signIn, label, existing?.addedAt), secret);
    ctx.log.info('tenants', `imported qlik-cli context ${c.name} (${url.origin})`);
    return { name: c.name, ok: true };
  } catch (error) {
    ctx.log.error('tenants', `importing qlik-cli context ${c.name} failed`, error);
    return { name: c.name, ok: false, reason: errorLine(error) };
  }
}

function report(ctx: CommandContext, outcomes: ImportOutcome[]): void {
  const ok = outcomes.filter((o) => o.ok);
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length === 0) {
    void prompts().notify('info', vscode.l10n.t('Imported {0} from qlik-cli: {1}.', count(ok.length), ok.map((o) => o.name).join(', ')));
    return;
  }
  const showLog = vscode.l10n.t('Show Log');
  const lines = failed.map((o) => `${o.name}: ${o.reason ?? ''}`).join(' ');
  const message =
    ok.length > 0
      ? vscode.l10n.t(
          'Imported {0} of {1} contexts ({2}). Not imported: {3}',
          count(ok.length),
          count(outcomes.length),
          ok.map((o) => o.name).join(', '),
          lines,
        )
      : vscode.l10n.t('No context was imported. {0}', lines);
  void prompts()
    .notify('warning', message, showLog)
    .then((choice) => {
      if (choice === showLog) ctx.log.show();
    });
}
