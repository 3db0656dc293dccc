import * as vscode from 'vscode';
import { type ApiKeyConfig, type ApiKeyConfigChanges, checkMaxKeysPerUser, isPositiveDuration, parseDuration } from '../qlik';
import { type ApiKeySetting, apiKeySettingsOf, durationWithIso, settingLabel, settingValue } from '../util/format';
import { SettingNode } from '../tree/settingsGroup';
import { UserCancelledError } from '../util/errors';
import { inputOrCancel, pickOrCancel, prompts, statusMessage } from '../util/prompts';
import type { TenantRecord } from '../tenants/tenantStore';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';

type Setting = ApiKeySetting;
const words = (iso: string | undefined) => durationWithIso(iso, vscode.env.language);
const shown = (config: ApiKeyConfig, s: Setting) => settingValue(config, s, vscode.env.language);

export function validateDurationInput(value: string): string | undefined {
  const d = parseDuration(value);
  if (!d.ok) return d.error;
  if (!isPositiveDuration(d.value)) return vscode.l10n.t('The duration must be longer than zero.');
  return undefined;
}

/**
 * Edit API Key Settings…: max_keys_per_user (0 to 1000), max_api_key_expiry and scim_externalClient_expiry (ISO 8601,
 * shown in words), api_keys_enabled when the service has it. From a setting row it edits that setting directly.
 */
export async function editApiKeySettings(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const title = vscode.l10n.t('Edit API Key Settings');
  const tenant = await tenantArg(ctx, arg, title, 'admin');
  // The settings as Qlik Cloud has them now (read once, shared with the tree).
  const config = await ctx.services.apiKeySettings.reload(tenant.origin);
  const available = apiKeySettingsOf(config);

  let setting: Setting;
  const row = arg.kind === 'node' && arg.node instanceof SettingNode ? arg.node.setting : undefined;
  if (row !== undefined && (available as string[]).includes(row)) setting = row as Setting;
  else {
    const picked = await pickOrCancel(
      available.map((s) => ({ label: settingLabel(s), description: shown(config, s), setting: s })),
      { title, placeHolder: vscode.l10n.t('Which setting of {0} to change', tenant.label) },
    );
    setting = picked.setting;
  }

  const changes: ApiKeyConfigChanges = {};
  let newValue: string;
  if (setting === 'maxKeysPerUser') {
    const text = await inputOrCancel({
      title: `${title}: ${settingLabel(setting)}`,
      prompt: vscode.l10n.t(
        'The maximum number of active API keys each user may have on {0}, 0 to 1000. Changes apply to keys created afterwards.',
        tenant.label,
      ),
      value: config.maxKeysPerUser === undefined ? '' : String(config.maxKeysPerUser),
      validateInput: (v) =>
        /^\s*\d+\s*$/.test(v) ? checkMaxKeysPerUser(Number(v)) : vscode.l10n.t('Enter a whole number from 0 to 1000.'),
    });
    changes.maxKeysPerUser = Number(text.trim());
    newValue = shown({ ...config, ...changes }, setting);
  } else if (setting === 'apiKeysEnabled') {
    const picked = await pickOrCancel(
      [
        { label: vscode.l10n.t('Enabled'), value: true, description: config.apiKeysEnabled ? vscode.l10n.t('current') : undefined },
        { label: vscode.l10n.t('Disabled'), value: false, description: config.apiKeysEnabled ? undefined : vscode.l10n.t('current') },
      ],
      { title: `${title}: ${settingLabel(setting)}`, placeHolder: vscode.l10n.t('May users create API keys on {0}?', tenant.label) },
    );
    changes.apiKeysEnabled = picked.value;
    newValue = picked.value ? vscode.l10n.t('yes') : vscode.l10n.t('no');
  } else {
    const current = config[setting];
    const text = await inputOrCancel({
      title: `${title}: ${settingLabel(setting)}`,
      prompt:
        setting === 'maxApiKeyExpiry'
          ? vscode.l10n.t(
              'The longest lifetime of a new API key, as an ISO 8601 duration (P7D = 7 days, PT24H = 24 hours, P1Y = 1 year). Now: {0}.',
              words(current),
            )
          : vscode.l10n.t(
              'The lifetime of new SCIM keys for identity providers, as an ISO 8601 duration (P365D = 365 days). Now: {0}.',
              words(current),
            ),
      value: current ?? '',
      validateInput: validateDurationInput,
    });
    const parsed = parseDuration(text);
    changes[setting] = parsed.ok ? parsed.iso : text;
    newValue = words(changes[setting]);
  }
  if (newValue === shown(config, setting)) throw new UserCancelledError();
  await confirmLockout(tenant, config, changes);
  await ctx.services.apiKeySettings.change(tenant.origin, changes);
  ctx.log.info('apiKeys', `settings of ${tenant.label}: ${setting} changed`);
  statusMessage(vscode.l10n.t('{0} on {1} is now {2}.', settingLabel(setting), tenant.label, newValue));
}

/**
 * The two changes that shut a whole tenant out of API keys ask first, in a modal that says so. The documents say
 * api_keys_enabled "enables or disables user API key functionality" for the tenant, and that limits apply to keys
 * created afterwards.
 */
async function confirmLockout(tenant: TenantRecord, config: ApiKeyConfig, changes: ApiKeyConfigChanges): Promise<void> {
  let message: string;
  let detail: string;
  let button: string;
  if (changes.apiKeysEnabled === false && config.apiKeysEnabled !== false) {
    message = vscode.l10n.t('Turn off API keys for the whole of {0}?', tenant.label);
    detail = vscode.l10n.t(
      'Nobody on {0} can create an API key any more, administrators included, and API key functionality is disabled for the whole tenant: scripts, pipelines and tools that sign in with an API key can stop working.',
      tenant.label,
    );
    if (tenant.signIn.kind === 'apiKey')
      detail +=
        ' ' +
        vscode.l10n.t(
          'This extension signs in to {0} with an API key too, so it can lose its own access; turning API keys on again then needs the management console or an OAuth client.',
          tenant.label,
        );
    button = vscode.l10n.t('Turn Off API Keys');
  } else if (changes.maxKeysPerUser === 0 && config.maxKeysPerUser !== 0) {
    message = vscode.l10n.t('Allow no API keys per user on {0}?', tenant.label);
    detail = vscode.l10n.t(
      'With a maximum of 0, nobody on {0} can create an API key any more, you included, and Rotate cannot make replacements. Keys that exist keep working until they expire or are revoked.',
      tenant.label,
    );
    button = vscode.l10n.t('Set Maximum to 0');
  } else return;
  if ((await prompts().confirm(message, detail, button)) !== button) throw new UserCancelledError();
}
