import * as vscode from 'vscode';
import { prompts, statusMessage } from '../util/prompts';
import type { CommandContext } from './context';
import { resolveApiKey } from './pickers';

export async function copyApiKeyId(ctx: CommandContext, node?: unknown): Promise<void> {
  const { key } = await resolveApiKey(ctx, node, vscode.l10n.t('Copy API Key ID'));
  await prompts().copy(key.id);
  statusMessage(vscode.l10n.t('Copied the ID of API key {0}', key.description || key.id));
}
