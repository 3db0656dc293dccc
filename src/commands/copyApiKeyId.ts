import * as vscode from 'vscode';
import { ApiKeyNode } from '../tree/apiKeyNode';
import { prompts, statusMessage } from '../util/prompts';
import { apiKeyArg, type CommandArg, type CommandNode, selectedNodes } from './args';
import type { CommandContext } from './context';
import { count } from '../util/locale';

/** Copy API Key ID: of the row, of every selected row (separated by spaces), or of a key picked from the palette. */
export async function copyApiKeyId(ctx: CommandContext, arg: CommandArg, selection: readonly CommandNode[]): Promise<void> {
  const nodes = selectedNodes(arg, selection, (n): n is ApiKeyNode => n instanceof ApiKeyNode);
  if (nodes.length > 1) {
    await prompts().copy(nodes.map((n) => n.key.id).join(' '));
    statusMessage(vscode.l10n.t('Copied the IDs of {0} API keys', count(nodes.length)));
    return;
  }
  const { key } = await apiKeyArg(ctx, arg, vscode.l10n.t('Copy API Key ID'));
  await prompts().copy(key.id);
  statusMessage(vscode.l10n.t('Copied the ID of API key {0}', key.description || key.id));
}
