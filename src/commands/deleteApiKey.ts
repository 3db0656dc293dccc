import * as vscode from 'vscode';
import { removeActionFor, type RemoveAction } from '../apiKeys/ownership';
import { isQlikError, QlikCancelledError, type ApiKey } from '../qlik';
import type { TenantRecord } from '../tenants/tenantStore';
import { ApiKeyNode } from '../tree/apiKeyNode';
import { tenantOf } from '../tree/node';
import { UserCancelledError, UserFacingError } from '../util/errors';
import { prompts, withProgress } from '../util/prompts';
import type { CommandContext } from './context';
import { resolveApiKey, resolveTenant } from './pickers';
import { errorLine } from './wrapper';

const t = vscode.l10n.t;
/** Requests in flight at once during a bulk removal; the client's rate limiter paces them within Tier 2. */
const PARALLEL = 8;

interface Target {
  tenant: TenantRecord;
  key: ApiKey;
  action: RemoveAction;
}

/**
 * Delete API Key / Revoke API Key. The signed-in user's own key is deleted; a TenantAdmin's removal of another
 * user's key revokes it, which cannot be undone. Several keys selected in the tree go with one confirmation.
 */
export async function deleteApiKey(ctx: CommandContext, node?: unknown, selection?: unknown): Promise<void> {
  const nodes = Array.isArray(selection) ? selection.filter((n): n is ApiKeyNode => n instanceof ApiKeyNode) : [];
  if (nodes.length > 1) return removeMany(ctx, nodes);
  const title = t('Delete or Revoke API Key');
  const { tenant, key } = await resolveApiKey(ctx, nodes[0] ?? node, title);
  const action = removeActionFor(key, tenant.user.id);
  const name = key.description || key.id;
  if (action === 'revoke' && key.knownStatus === 'revoked') {
    throw new UserFacingError(t('API key "{0}" is already revoked.', name));
  }
  const button = action === 'delete' ? t('Delete') : t('Revoke');
  const message =
    action === 'delete'
      ? t('Delete API key "{0}" on {1}?', name, tenant.label)
      : t('Revoke API key "{0}" of user {1} on {2}?', name, key.sub, tenant.label);
  const detail =
    action === 'delete'
      ? t('It is your own key: it stops working at once and is removed from the tenant. Anything that still uses it loses access.')
      : t('Revoking cannot be undone. The key stops working at once and stays in the list as revoked; its owner has to create a new one.');
  if ((await prompts().confirm(message, detail, button)) !== button) throw new UserCancelledError();
  const client = await ctx.pool.get(tenant.origin);
  await withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: action === 'delete' ? t('Deleting API key "{0}"…', name) : t('Revoking API key "{0}"…', name),
    },
    () => client.apiKeys.delete(key.id),
  );
  ctx.log.info('apiKeys', `${action === 'delete' ? 'deleted' : 'revoked'} API key ${key.id} on ${tenant.label}`);
  ctx.tree.tenantNode(tenant.origin)?.apiKeys.refresh();
  void prompts().notify('info', action === 'delete' ? t('Deleted API key "{0}".', name) : t('Revoked API key "{0}".', name));
}

async function removeMany(ctx: CommandContext, nodes: ApiKeyNode[]): Promise<void> {
  const targets: Target[] = [];
  let alreadyRevoked = 0;
  for (const n of nodes) {
    const tenant = await resolveTenant(ctx, tenantOf(n), t('Delete or Revoke API Keys'));
    const action = removeActionFor(n.key, tenant.user.id);
    if (action === 'revoke' && n.key.knownStatus === 'revoked') alreadyRevoked++;
    else targets.push({ tenant, key: n.key, action });
  }
  if (targets.length === 0) throw new UserFacingError(t('The selected API keys are already revoked.'));
  const deletes = targets.filter((x) => x.action === 'delete').length;
  const revokes = targets.length - deletes;
  const tenants = [...new Set(targets.map((x) => x.tenant.label))].join(', ');
  const message =
    revokes === 0
      ? t('Delete {0} API keys on {1}?', deletes, tenants)
      : deletes === 0
        ? t('Revoke {0} API keys on {1}?', revokes, tenants)
        : t('Delete {0} of your API keys and revoke {1} of other users on {2}?', deletes, revokes, tenants);
  const details = [
    deletes > 0 ? t('Your own keys are deleted: they stop working at once and are removed.') : '',
    revokes > 0 ? t('Other users’ keys are revoked. Revoking cannot be undone: they stop working at once and stay listed as revoked.') : '',
    alreadyRevoked > 0 ? t('{0} selected keys are already revoked and are left alone.', alreadyRevoked) : '',
  ].filter(Boolean);
  const button =
    revokes === 0
      ? t('Delete {0} Keys', deletes)
      : deletes === 0
        ? t('Revoke {0} Keys', revokes)
        : t('Delete and Revoke {0} Keys', targets.length);
  if ((await prompts().confirm(message, details.join(' '), button)) !== button) throw new UserCancelledError();

  const failures: Array<{ target: Target; error: unknown }> = [];
  let done = 0;
  let cancelled = 0;
  await withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Removing {0} API keys', targets.length), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const queue = [...targets];
      const worker = async () => {
        for (let target = queue.shift(); target; target = queue.shift()) {
          try {
            const client = await ctx.pool.get(target.tenant.origin);
            await client.apiKeys.delete(target.key.id, { signal: abort.signal });
            done++;
          } catch (error) {
            if (error instanceof QlikCancelledError || abort.signal.aborted) cancelled++;
            else failures.push({ target, error });
          }
          progress.report({
            increment: 100 / targets.length,
            message: t('{0} of {1}', done + failures.length + cancelled, targets.length),
          });
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, targets.length) }, worker));
    },
  );
  for (const origin of new Set(targets.map((x) => x.tenant.origin))) ctx.tree.tenantNode(origin)?.apiKeys.refresh();
  for (const f of failures)
    ctx.log.error('apiKeys', `${f.target.action} of API key ${f.target.key.id} on ${f.target.tenant.label} failed`, f.error);
  ctx.log.info(
    'apiKeys',
    `bulk removal: ${done} done, ${failures.length} failed, ${cancelled} cancelled, ${alreadyRevoked} already revoked`,
  );
  const summary = summaryLine(targets.length, done, deletes, revokes, cancelled);
  if (failures.length === 0) {
    void prompts().notify('info', summary);
    return;
  }
  const reasons = new Map<string, number>();
  for (const f of failures) {
    const reason = isQlikError(f.error) ? f.error.userMessage : errorLine(f.error);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const why = [...reasons].map(([reason, n]) => `${n} × ${reason}`).join(' ');
  const showLog = t('Show Log');
  void prompts()
    .notify('warning', t('{0} {1} failed: {2}', summary, failures.length, why), showLog)
    .then((choice) => {
      if (choice === showLog) ctx.log.show();
    });
}

function summaryLine(total: number, done: number, deletes: number, revokes: number, cancelled: number): string {
  const verb = revokes === 0 ? t('Deleted') : deletes === 0 ? t('Revoked') : t('Deleted or revoked');
  const line = t('{0} {1} of {2} API keys.', verb, done, total);
  return cancelled > 0 ? `${line} ${t('{0} were not sent (cancelled).', cancelled)}` : line;
}
