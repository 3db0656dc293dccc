import * as vscode from 'vscode';
import { prompts, statusMessage } from '../util/prompts';
import { type CommandArg, keyProviderArg } from './args';
import type { CommandContext } from './context';

export async function copyArn(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const { provider } = await keyProviderArg(ctx, arg, vscode.l10n.t('Copy ARN'), (p) => !p.isQlikDefault);
  await prompts().copy(provider.arn);
  statusMessage(vscode.l10n.t('Copied the ARN of {0}', provider.name));
}
