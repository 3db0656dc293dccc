import * as vscode from 'vscode';
import { normalizeQuery } from '../services/apiKeyGroups';
import { UserCancelledError } from '../util/errors';
import { inputOrCancel, statusMessage, withProgress } from '../util/prompts';
import { hasInvisible } from '../util/text';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';
import { count } from '../util/locale';

/**
 * Search API Keys…: by description (a part of it) or key ID, across every page the tenant lists. An ID is asked for
 * by ID (one request); the API has no description filter, so a description is sought page by page (pages of 100,
 * through the rate limiter, at most qlikCloud.apiKeys.searchMaxPages), with a progress notification that cancels.
 * The keys found show as 'Search: "…" (N found)' under API Keys until Clear search.
 */
export async function searchApiKeys(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Search API Keys'));
  const previous = ctx.services.apiKeys.searchResult(tenant.origin)?.query ?? '';
  const text = normalizeQuery(
    await inputOrCancel({
      title: vscode.l10n.t('Search API Keys on {0}', tenant.label),
      prompt: vscode.l10n.t('A part of the description, or the key ID'),
      value: previous,
      validateInput: (v) =>
        normalizeQuery(v) === ''
          ? vscode.l10n.t('Enter a part of a description or an ID.')
          : hasInvisible(v)
            ? vscode.l10n.t('The search has control or invisible characters.')
            : undefined,
    }),
  );
  if (text === '') throw new UserCancelledError();
  const result = await withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Searching the API keys of {0}', tenant.label),
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return await ctx.services.apiKeys.search(tenant.origin, text, {
          signal: abort.signal,
          onProgress: (p) =>
            progress.report({
              message: vscode.l10n.t('{0} keys read, {1} found', count(p.scanned), count(p.found)),
            }),
        });
      } finally {
        sub.dispose();
      }
    },
  );
  ctx.log.info(
    'apiKeys',
    `search on ${tenant.label}: ${result.keys.length} found in ${result.scanned} keys${result.cancelled ? ' (cancelled)' : ''}`,
  );
  const group = ctx.tree.tenantNode(tenant.origin)?.apiKeys;
  if (group && ctx.view?.visible) await ctx.view.reveal(group, { expand: true }).then(undefined, () => undefined);
  statusMessage(
    result.cancelled
      ? vscode.l10n.t('Search cancelled: {0} found in {1} keys read', count(result.keys.length), count(result.scanned))
      : vscode.l10n.t('{0} API keys found', count(result.keys.length)),
  );
}
