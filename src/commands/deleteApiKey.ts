import * as vscode from 'vscode';
import { removeActionFor, type RemoveAction } from '../apiKeys/ownership';
import { QlikCancelledError, scimIdpOf, type ApiKey } from '../qlik';
import type { TenantRecord } from '../tenants/tenantStore';
import type { ApiKeyNode } from '../tree/apiKeyNode';
import { UserCancelledError, UserFacingError } from '../util/errors';
import { personInWords } from '../util/format';
import { describeProblem } from '../util/problem';
import { prompts, withProgress } from '../util/prompts';
import { inert, TEXT_LIMITS } from '../util/text';
import { apiKeyArg, apiKeyNodes, type CommandArg, type CommandNode, progressLocation, tenantArg } from './args';
import type { CommandContext } from './context';
import { count } from '../util/locale';

/** Requests in flight at once during a bulk removal; the client's rate limiter paces them within Tier 2. */
const PARALLEL = 8;

/** The identity provider of a SCIM provisioning key (subject type externalClient, subject SCIM\\<IdP ID>). */
function scimIdp(key: ApiKey): string | undefined {
  const idp = scimIdpOf(key.sub);
  return idp ?? (key.isScim ? key.sub : undefined);
}

interface Target {
  tenant: TenantRecord;
  key: ApiKey;
  action: RemoveAction;
}

/**
 * Delete API Key / Revoke API Key. The signed-in user's own key is deleted; a TenantAdmin's removal of another
 * user's key revokes it, which cannot be undone. Several keys selected in the tree go with one confirmation.
 */
export async function deleteApiKey(ctx: CommandContext, arg: CommandArg, selection: readonly CommandNode[]): Promise<void> {
  const nodes = apiKeyNodes(arg, selection);
  if (nodes.length > 1) return removeMany(ctx, nodes);
  const title = vscode.l10n.t('Delete or Revoke API Key');
  const { tenant, key } = await apiKeyArg(ctx, nodes[0] ? { kind: 'node', node: nodes[0] } : arg, title);
  const action = removeActionFor(key, tenant.user.id);
  const name = key.description || key.id;
  if (action === 'revoke' && key.knownStatus === 'revoked') {
    throw new UserFacingError(vscode.l10n.t('API key "{0}" is already revoked.', name));
  }
  const scim = action === 'revoke' ? scimIdp(key) : undefined;
  const button =
    action === 'delete' ? vscode.l10n.t('Delete') : scim !== undefined ? vscode.l10n.t('Revoke SCIM Key') : vscode.l10n.t('Revoke');
  const [owner] = action === 'revoke' && scim === undefined ? await ctx.services.people.resolve(tenant.origin, [key.sub]) : [];
  const message =
    scim !== undefined
      ? vscode.l10n.t('Revoke the SCIM provisioning key "{0}" of identity provider {1} on {2}?', name, scim, tenant.label)
      : action === 'delete'
        ? vscode.l10n.t('Delete API key "{0}" on {1}?', name, tenant.label)
        : owner?.kind === 'known'
          ? vscode.l10n.t(
              'Revoke API key "{0}" of {1} on {2}?',
              name,
              personInWords(key.sub, {
                name: inert(owner.name, TEXT_LIMITS.name),
                email: owner.email && inert(owner.email, TEXT_LIMITS.name),
              }),
              tenant.label,
            )
          : vscode.l10n.t('Revoke API key "{0}" of user {1} on {2}?', name, key.sub, tenant.label);
  const detail =
    scim !== undefined
      ? vscode.l10n.t(
          'User provisioning from the identity provider stops at once: it can no longer create, update or deactivate users on {0} until a new SCIM key is created and configured in the identity provider. Revoking cannot be undone.',
          tenant.label,
        )
      : action === 'delete'
        ? vscode.l10n.t(
            'It is your own key: it stops working at once and is removed from the tenant. Anything that still uses it loses access.',
          )
        : vscode.l10n.t(
            'Revoking cannot be undone. The key stops working at once and stays in the list as revoked; its owner has to create a new one.',
          );
  if ((await prompts().confirm(message, detail, button)) !== button) throw new UserCancelledError();
  await withProgress(
    {
      location: progressLocation(arg),
      title: action === 'delete' ? vscode.l10n.t('Deleting API key "{0}"…', name) : vscode.l10n.t('Revoking API key "{0}"…', name),
    },
    () => ctx.services.apiKeys.remove(tenant.origin, key.id),
  );
  ctx.log.info('apiKeys', `${action === 'delete' ? 'deleted' : 'revoked'} API key ${key.id} on ${tenant.label}`);
  void prompts().notify(
    'info',
    action === 'delete' ? vscode.l10n.t('Deleted API key "{0}".', name) : vscode.l10n.t('Revoked API key "{0}".', name),
  );
}

async function removeMany(ctx: CommandContext, nodes: ApiKeyNode[]): Promise<void> {
  const targets: Target[] = [];
  let alreadyRevoked = 0;
  for (const n of nodes) {
    const tenant = await tenantArg(ctx, { kind: 'node', node: n }, vscode.l10n.t('Delete or Revoke API Keys'));
    const action = removeActionFor(n.key, tenant.user.id);
    if (action === 'revoke' && n.key.knownStatus === 'revoked') alreadyRevoked++;
    else targets.push({ tenant, key: n.key, action });
  }
  if (targets.length === 0) throw new UserFacingError(vscode.l10n.t('The selected API keys are already revoked.'));
  const deletes = targets.filter((x) => x.action === 'delete').length;
  const revokes = targets.length - deletes;
  const tenants = [...new Set(targets.map((x) => x.tenant.label))].join(', ');
  const message =
    revokes === 0
      ? vscode.l10n.t('Delete {0} API keys on {1}?', count(deletes), tenants)
      : deletes === 0
        ? vscode.l10n.t('Revoke {0} API keys on {1}?', count(revokes), tenants)
        : vscode.l10n.t('Delete {0} of your API keys and revoke {1} of other users on {2}?', count(deletes), count(revokes), tenants);
  const scims = targets.filter((x) => x.action === 'revoke' && scimIdp(x.key) !== undefined).length;
  const details = [
    scims > 0
      ? vscode.l10n.t(
          '{0} of them are SCIM provisioning keys: user provisioning from their identity providers stops at once, until new SCIM keys are created and configured there.',
          count(scims),
        )
      : '',
    deletes > 0 ? vscode.l10n.t('Your own keys are deleted: they stop working at once and are removed.') : '',
    revokes > 0
      ? vscode.l10n.t('Other users’ keys are revoked. Revoking cannot be undone: they stop working at once and stay listed as revoked.')
      : '',
    alreadyRevoked > 0 ? vscode.l10n.t('{0} selected keys are already revoked and are left alone.', count(alreadyRevoked)) : '',
  ].filter(Boolean);
  const button =
    revokes === 0
      ? vscode.l10n.t('Delete {0} Keys', count(deletes))
      : deletes === 0
        ? vscode.l10n.t('Revoke {0} Keys', count(revokes))
        : vscode.l10n.t('Delete and Revoke {0} Keys', count(targets.length));
  if ((await prompts().confirm(message, details.join(' '), button)) !== button) throw new UserCancelledError();

  const failures: Array<{ target: Target; error: unknown }> = [];
  let done = 0;
  let cancelled = 0;
  // A notification even from the tree: only there can a long bulk removal be cancelled.
  await withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Removing {0} API keys', count(targets.length)),
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const queue = [...targets];
      const worker = async () => {
        for (let target = queue.shift(); target; target = queue.shift()) {
          try {
            // One reload per tenant at the end, not one per key.
            await ctx.services.apiKeys.remove(target.tenant.origin, target.key.id, { signal: abort.signal, reload: false });
            done++;
          } catch (error) {
            if (error instanceof QlikCancelledError || abort.signal.aborted) cancelled++;
            else failures.push({ target, error });
          }
          progress.report({
            increment: 100 / targets.length,
            message: vscode.l10n.t('{0} of {1}', count(done + failures.length + cancelled), count(targets.length)),
          });
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, targets.length) }, worker));
    },
  );
  for (const origin of new Set(targets.map((x) => x.tenant.origin))) ctx.services.apiKeys.invalidate(origin);
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
    const reason = describeProblem(f.error).sentence;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const why = [...reasons].map(([reason, n]) => `${count(n)} × ${reason}`).join(' ');
  const showLog = vscode.l10n.t('Show Log');
  void prompts()
    .notify('warning', vscode.l10n.t('{0} {1} failed: {2}', summary, count(failures.length), why), showLog)
    .then((choice) => {
      if (choice === showLog) ctx.log.show();
    });
}

function summaryLine(total: number, done: number, deletes: number, revokes: number, cancelled: number): string {
  const verb = revokes === 0 ? vscode.l10n.t('Deleted') : deletes === 0 ? vscode.l10n.t('Revoked') : vscode.l10n.t('Deleted or revoked');
  const line = vscode.l10n.t('{0} {1} of {2} API keys.', verb, count(done), count(total));
  return cancelled > 0 ? `${line} ${vscode.l10n.t('{0} were not sent (cancelled).', count(cancelled))}` : line;
}
