import * as vscode from 'vscode';
import { validateKeyProvider, validationMessage } from '../migration/validations';
import { prompts } from '../util/prompts';
import { applicableKeyProvider, type CommandArg, progressLocation } from './args';
import type { CommandContext } from './context';

/** Validate Key: asks Qlik Cloud to try the key, and says whether it can use it. */
export async function testKeyProvider(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const { tenant, provider } = await applicableKeyProvider(
    ctx,
    arg,
    vscode.l10n.t('Validate Key'),
    (p) => !p.isQlikDefault,
    () => vscode.l10n.t('The Qlik-managed key needs no validation.'),
  );
  const tested = await validateKeyProvider(ctx, tenant, provider, progressLocation(arg));
  const { level, message } = validationMessage(tested);
  void prompts().notify(level, message);
}
