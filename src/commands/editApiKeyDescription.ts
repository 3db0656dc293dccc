import * as vscode from 'vscode';
import { checkText, MAX_DESCRIPTION_LENGTH } from '../qlik';
import { inputOrCancel, statusMessage } from '../util/prompts';
import { UserCancelledError } from '../util/errors';
import { apiKeyArg, type CommandArg } from './args';
import type { CommandContext } from './context';

/** Edit Description…: an input box prefilled with the current text, then a JSON Patch of /description. */
export async function editApiKeyDescription(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const title = vscode.l10n.t('Edit API Key Description');
  const { tenant, key } = await apiKeyArg(ctx, arg, title);
  const value = await inputOrCancel({
    title,
    prompt: vscode.l10n.t('The description of API key {0} on {1}', key.id, tenant.label),
    value: key.description,
    validateInput: (text) => checkText('description', text, { required: false, max: MAX_DESCRIPTION_LENGTH }),
  });
  if (value === key.description) throw new UserCancelledError();
  await ctx.services.apiKeys.changeDescription(tenant.origin, key.id, value);
  ctx.log.info('apiKeys', `description of ${key.id} on ${tenant.label} changed`);
  statusMessage(vscode.l10n.t('API key description changed to "{0}".', value));
}
