import * as vscode from 'vscode';
import { inputOrCancel } from '../util/prompts';
import { type CommandArg, tenantArg } from './args';
import { hasInvisible } from '../util/text';
import type { CommandContext } from './context';

/** Rename…: the label in this list only. */
export async function renameTenant(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Rename Tenant'));
  const label = await inputOrCancel({
    title: vscode.l10n.t('Rename Tenant'),
    prompt: vscode.l10n.t('The name shown for {0} in this list (nothing changes on the tenant)', tenant.origin),
    value: tenant.label,
    validateInput: (value) => {
      const v = value.trim();
      if (v === '') return vscode.l10n.t('Enter a name.');
      if (v.length > 100) return vscode.l10n.t('Use at most 100 characters.');
      if (hasInvisible(v)) return vscode.l10n.t('The name must not contain control or direction characters.');
      return undefined;
    },
  });
  await ctx.store.update(tenant.origin, { label: label.trim() });
}
