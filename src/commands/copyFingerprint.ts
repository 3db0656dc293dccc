import * as vscode from 'vscode';
import { prompts, statusMessage } from '../util/prompts';
import { type CommandArg, keyProviderArg } from './args';
import type { CommandContext } from './context';

export async function copyFingerprint(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const { provider } = await keyProviderArg(ctx, arg, vscode.l10n.t('Copy Fingerprint'), (p) => !!p.fingerprint);
  await prompts().copy(provider.fingerprint ?? '');
  statusMessage(vscode.l10n.t('Copied the fingerprint of {0}', provider.name));
}
