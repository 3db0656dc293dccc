import * as vscode from 'vscode';
import { KeyProviderNode } from '../tree/keyProviderNode';
import { prompts, statusMessage } from '../util/prompts';
import { type CommandArg, type CommandNode, keyProviderArg, selectedNodes } from './args';
import type { CommandContext } from './context';
import { count } from '../util/locale';

/** Copy Fingerprint: of the row, of every selected key provider (separated by spaces), or of one picked from the palette. */
export async function copyFingerprint(ctx: CommandContext, arg: CommandArg, selection: readonly CommandNode[]): Promise<void> {
  const nodes = selectedNodes(arg, selection, (n): n is KeyProviderNode => n instanceof KeyProviderNode).filter(
    (n) => !!n.provider.fingerprint,
  );
  if (nodes.length > 1) {
    await prompts().copy(nodes.map((n) => n.provider.fingerprint ?? '').join(' '));
    statusMessage(vscode.l10n.t('Copied the fingerprints of {0} key providers', count(nodes.length)));
    return;
  }
  const { provider } = await keyProviderArg(ctx, arg, vscode.l10n.t('Copy Fingerprint'), (p) => !!p.fingerprint);
  await prompts().copy(provider.fingerprint ?? '');
  statusMessage(vscode.l10n.t('Copied the fingerprint of {0}', provider.name));
}
