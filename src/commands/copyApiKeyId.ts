import * as vscode from 'vscode';
import { prompts, statusMessage } from '../util/prompts';
import { apiKeyArg, type CommandArg } from './args';
import type { CommandContext } from './context';

export async function copyApiKeyId(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const { key } = await apiKeyArg(ctx, arg, vscode.l10n.t('Copy API Key ID'));
  await prompts().copy(key.id);
  statusMessage(vscode.l10n.t('Copied the ID of API key {0}', key.description || key.id));
}
