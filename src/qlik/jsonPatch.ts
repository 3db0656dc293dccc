// JSON Patch (RFC 6902) bodies for the PATCH endpoints. Pure: safe to bundle into a webview.
import * as l10n from '@vscode/l10n';
import { isPositiveDuration, parseDuration } from './duration';
import { QlikInputError } from './errors';

export interface ReplaceOp<V = unknown> {
  op: 'replace';
  path: string;
  value: V;
}

/**
 * The documents set no length for names and descriptions: these are the extension's own bound on free text it
 * sends (a bounded body), far above anything a person types. The service decides its real limits, and its answer,
 * with the field it names, is what the person sees.
 */
export const MAX_NAME_LENGTH = 4096;
export const MAX_DESCRIPTION_LENGTH = 4096;

/** A free-text field the extension checks before sending it. */
export type TextField = 'name' | 'description';

function textFieldWord(field: TextField): string {
  return field === 'name' ? l10n.t('name') : l10n.t('description');
}

/** Returns the reason a text is not acceptable, or undefined. */
export function checkText(field: TextField, value: string, options: { required: boolean; max: number }): string | undefined {
  const label = textFieldWord(field);
  if (typeof value !== 'string') return l10n.t('The {0} must be text.', label);
  if (options.required && value.trim() === '') return l10n.t('The {0} is required.', label);
  if (value.length > options.max) return l10n.t('The {0} is too long (at most {1} characters).', label, options.max);
  if (CONTROL_CHARACTERS.test(value)) return l10n.t('The {0} must not contain control characters.', label);
  // Direction marks and overrides make a name read differently from what it is (in the tree, in a modal).
  if (BIDI_CONTROLS.test(value)) return l10n.t('The {0} must not contain direction marks or overrides.', label);
  return undefined;
}

/** C0 and C1 control characters, except tab, line feed and carriage return: free text may hold those. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Unicode bidirectional formatting characters: LRM, RLM, ALM, embeddings, overrides and isolates. */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * White space, a control character or a direction mark: what an identifier (ARN, address) never holds. The same
 * characters as free text refuses, and white space besides (tab and line breaks included).
 */
export function hasSpaceOrInvisible(text: string): boolean {
  return /\s/.test(text) || CONTROL_CHARACTERS.test(text) || BIDI_CONTROLS.test(text);
}

/** A credential the extension checks before it signs in or looks a user up. */
export type CredentialField = 'apiKey' | 'clientId' | 'clientSecret' | 'userId';

function credentialWord(field: CredentialField): string {
  if (field === 'apiKey') return l10n.t('API key');
  if (field === 'clientId') return l10n.t('client ID');
  return field === 'clientSecret' ? l10n.t('client secret') : l10n.t('user ID');
}

/**
 * Returns the reason a credential (API key, client ID, client secret) is not acceptable, or undefined: printable
 * ASCII without spaces (it travels in an HTTP header or a form field), at most 4,096 characters.
 */
export function checkCredential(field: CredentialField, value: string): string | undefined {
  const label = credentialWord(field);
  if (typeof value !== 'string' || value.trim() === '') return l10n.t('The {0} is required.', label);
  const v = value.trim();
  if (v.length > 4096) return l10n.t('The {0} is too long (at most 4096 characters).', label);
  if (/\s/.test(v)) return l10n.t('The {0} must not contain spaces.', label);
  if (!/^[\x21-\x7e]+$/.test(v))
    return l10n.t('The {0} may contain only printable ASCII characters (no control characters, direction marks or emoji).', label);
  return undefined;
}

function must(problem: string | undefined): void {
  if (problem) throw new QlikInputError(problem);
}

/** Name and/or description of a key provider. */
export function keyProviderPatch(changes: { name?: string; description?: string }): ReplaceOp<string>[] {
  const ops: ReplaceOp<string>[] = [];
  if (changes.name !== undefined) {
    must(checkText('name', changes.name, { required: true, max: MAX_NAME_LENGTH }));
    ops.push({ op: 'replace', path: '/name', value: changes.name.trim() });
  }
  if (changes.description !== undefined) {
    must(checkText('description', changes.description, { required: false, max: MAX_DESCRIPTION_LENGTH }));
    ops.push({ op: 'replace', path: '/description', value: changes.description });
  }
  if (ops.length === 0) throw new QlikInputError(l10n.t('Nothing to change: give a new name or description.'));
  return ops;
}

/** The document requires a value, not a non-empty one: an empty description is the service's to refuse. */
export function apiKeyDescriptionPatch(description: string): ReplaceOp<string>[] {
  must(checkText('description', description, { required: false, max: MAX_DESCRIPTION_LENGTH }));
  return [{ op: 'replace', path: '/description', value: description }];
}

export interface ApiKeyConfigChanges {
  apiKeysEnabled?: boolean;
  maxKeysPerUser?: number;
  maxApiKeyExpiry?: string;
  scimExternalClientExpiry?: string;
}

export function checkMaxKeysPerUser(value: number): string | undefined {
  if (!Number.isInteger(value) || value < 0 || value > 1000)
    return l10n.t('The maximum number of keys per user must be a whole number from 0 to 1000.');
  return undefined;
}

export function apiKeyConfigPatch(changes: ApiKeyConfigChanges): ReplaceOp[] {
  const ops: ReplaceOp[] = [];
  if (changes.apiKeysEnabled !== undefined) {
    if (typeof changes.apiKeysEnabled !== 'boolean') throw new QlikInputError(l10n.t('api_keys_enabled must be true or false.'));
    ops.push({ op: 'replace', path: '/api_keys_enabled', value: changes.apiKeysEnabled });
  }
  if (changes.maxKeysPerUser !== undefined) {
    must(checkMaxKeysPerUser(changes.maxKeysPerUser));
    ops.push({ op: 'replace', path: '/max_keys_per_user', value: changes.maxKeysPerUser });
  }
  for (const [field, path] of [
    ['maxApiKeyExpiry', '/max_api_key_expiry'],
    ['scimExternalClientExpiry', '/scim_externalClient_expiry'],
  ] as const) {
    const v = changes[field];
    if (v === undefined) continue;
    const d = parseDuration(v);
    if (!d.ok) throw new QlikInputError(d.error);
    if (!isPositiveDuration(d.value)) throw new QlikInputError(l10n.t('{0} must be longer than zero.', path.slice(1)));
    ops.push({ op: 'replace', path, value: d.iso });
  }
  if (ops.length === 0) throw new QlikInputError(l10n.t('Nothing to change.'));
  return ops;
}
