import * as vscode from 'vscode';
import { KeyProviderNode } from '../tree/keyProviderNode';
import { prompts, statusMessage } from '../util/prompts';
import { type CommandArg, type CommandNode, keyProviderArg, selectedNodes } from './args';
import type { CommandContext } from './context';
import { count } from '../util/locale';

/** Copy ARN: of the row, of every selected AWS key (separated by spaces), or of a key provider picked from the palette. */
export async function copyArn(ctx: CommandContext, arg: CommandArg, selection: readonly CommandNode[]): Promise<void> {
  const nodes = selectedNodes(arg, selection, (n): n is KeyProviderNode => n instanceof KeyProviderNode).filter(
    (n) => !n.provider.isQlikDefault,
  );
  if (nodes.length > 1) {
    await prompts().copy(nodes.map((n) => n.provider.arn).join(' '));
    statusMessage(vscode.l10n.t('Copied the ARNs of {0} key providers', count(nodes.length)));
    return;
  }
  const { provider } = await keyProviderArg(ctx, arg, vscode.l10n.t('Copy ARN'), (p) => !p.isQlikDefault);
  await prompts().copy(provider.arn);
  statusMessage(vscode.l10n.t('Copied the ARN of {0}', provider.name));
}
