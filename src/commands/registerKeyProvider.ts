import * as vscode from 'vscode';
import type { KeyProvider } from '../qlik';
import { KeyProviderNode } from '../tree/keyProviderNode';
import type { RegisterKeyProviderDeps } from '../webviews/registerKeyProvider/deps';
import { RegisterKeyProviderPanel } from '../webviews/registerKeyProvider/panel';
import { UserFacingError } from '../util/errors';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';
import { validateKeyProvider } from '../migration/validations';

/** Register AWS KMS Key…: the form in a webview panel (one per tenant). */
export async function registerKeyProvider(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Register AWS KMS Key'), 'admin');
  RegisterKeyProviderPanel.show(registerKeyProviderDeps(ctx), tenant);
}

/** What the panel may do: the encryption service's functions, and the commands it links to. */
function registerKeyProviderDeps(ctx: CommandContext): RegisterKeyProviderDeps {
  const tenant = (origin: string) => ctx.store.get(origin);
  return {
    extensionUri: ctx.extension.extensionUri,
    log: ctx.log,
    tracker: ctx.panels,
    tenant,
    onDidChangeTenants: ctx.store.onDidChange,
    register: (origin, input) => ctx.services.encryption.register(origin, input),
    knownArns: (origin) => (ctx.services.encryption.peek(origin)?.providers ?? []).filter((p) => p.kind === 'aws').map((p) => p.arn),
    // Read now (a 409 means the list shown may be stale); the tree gets the same answer.
    listProviders: async (origin) => (await ctx.services.encryption.reload(origin)).providers,
    async validate(origin, provider) {
      const record = tenant(origin);
      if (!record) throw new UserFacingError(vscode.l10n.t('The tenant {0} is no longer in the list.', origin));
      return validateKeyProvider(ctx, record, provider);
    },
    async migrate(origin, provider) {
      await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', {
        origin,
        fingerprint: provider.fingerprint ?? '',
        arn: provider.arn,
      });
    },
    isMigrating: (origin) => ctx.services.migrations.isRunning(origin),
    showInTree: (origin, provider) => showInTree(ctx, origin, provider),
  };
}

/** Selects the provider's node under the tenant's Encryption group (loaded again when it is not there yet). */
async function showInTree(ctx: CommandContext, origin: string, provider: KeyProvider): Promise<boolean> {
  const group = ctx.tree.tenantNode(origin)?.encryption;
  if (!group) return false;
  // The group renders the encryption service's list: loaded again when the provider is not in it yet.
  const find = async () =>
    (await group.getChildren()).find((n): n is KeyProviderNode => n instanceof KeyProviderNode && n.provider.arn === provider.arn);
  let node = await find();
  if (!node) {
    // Registered elsewhere (another window, the console, the API) after the list loaded: load it again.
    ctx.services.encryption.invalidate(origin);
    node = await find();
  }
  if (!node) return false;
  try {
    if (!ctx.view) throw new Error('no tree view');
    await ctx.view.reveal(node, { select: true, focus: true, expand: false });
  } catch {
    await vscode.commands.executeCommand('qlikCloud.showDetails', node);
  }
  return true;
}
