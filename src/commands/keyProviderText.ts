import { checkText } from '../qlik/pure';
import { inputOrCancel, statusMessage } from '../util/prompts';
import { applicableKeyProvider, type CommandArg } from './args';
import type { CommandContext } from './context';

/** What differs between Rename… and Edit Description… of a key provider. */
export interface KeyProviderTextEdit {
  readonly field: 'name' | 'description';
  readonly title: string;
  readonly max: number;
  /** Why the Qlik-managed key cannot be edited. */
  readonly notForQlikKey: string;
  readonly prompt: (providerName: string, tenantLabel: string) => string;
  readonly invalid: string;
  readonly saved: (providerName: string, value: string) => string;
}

/** Asks for a key provider's new name or description, sends it (JSON Patch) and reloads the list once. */
export async function editKeyProviderText(ctx: CommandContext, arg: CommandArg, edit: KeyProviderTextEdit): Promise<void> {
  const { tenant, provider } = await applicableKeyProvider(
    ctx,
    arg,
    edit.title,
    (p) => !p.isQlikDefault,
    () => edit.notForQlikKey,
  );
  const required = edit.field === 'name';
  const value = await inputOrCancel({
    title: edit.title,
    prompt: edit.prompt(provider.name, tenant.label),
    value: provider[edit.field],
    validateInput: (v) => (checkText(edit.field, v, { required, max: edit.max }) ? edit.invalid : undefined),
  });
  const next = required ? value.trim() : value;
  if (next === provider[edit.field]) return;
  await ctx.services.encryption.patch(tenant.origin, provider.fingerprint, { [edit.field]: next });
  ctx.log.info('encryption', `changed the ${edit.field} of ${provider.name} on ${tenant.label}`);
  statusMessage(edit.saved(provider.name, next));
}
