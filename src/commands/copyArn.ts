import * as vscode from 'vscode';
import { prompts, statusMessage } from '../util/prompts';
import type { CommandContext } from './context';
import { resolveKeyProvider } from './pickers';

export async function copyArn(ctx: CommandContext, node?: unknown): Promise<void> {
  const { provider } = await resolveKeyProvider(ctx, node, vscode.l10n.t('Copy ARN'), (p) => !p.isQlikDefault);
  await prompts().copy(provider.arn);
  statusMessage(vscode.l10n.t('Copied the ARN of {0}', provider.name));
}
