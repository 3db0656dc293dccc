import * as vscode from 'vscode';
import { prompts, statusMessage } from '../util/prompts';
import type { CommandContext } from './context';
import { resolveKeyProvider } from './pickers';

export async function copyFingerprint(ctx: CommandContext, node?: unknown): Promise<void> {
  const { provider } = await resolveKeyProvider(ctx, node, vscode.l10n.t('Copy Fingerprint'), (p) => !!p.fingerprint);
  await prompts().copy(provider.fingerprint ?? '');
  statusMessage(vscode.l10n.t('Copied the fingerprint of {0}', provider.name));
}
