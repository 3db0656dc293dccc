// Add Tenant as one multi-step input: address → sign-in method → API key, or client ID → client secret. Every step
// shows "n of total" and (after the first) Back; answers are kept when the person goes Back, and each step checks its
// value before anything is sent. Secrets stay in this memory only until the command saves them to SecretStorage.
import * as vscode from 'vscode';
import { normalizeTenantUrl, type TenantUrlResult } from '../qlik/tenantUrl';
import type { Credentials } from './credentials';
import { credentialValidator, signInMethodItems } from './signIn';
import type { SignInMethod } from './tenantStore';
import { UserCancelledError } from '../util/errors';
import { type InputStepAnswer, prompts } from '../util/prompts';

export type TenantUrl = Extract<TenantUrlResult, { ok: true }>;
export type TenantStep = 'address' | 'method' | 'apiKey' | 'clientId' | 'clientSecret';

/** What the person has typed so far; kept across Back and across a refused sign-in. */
export interface TenantAnswers {
  address: string;
  kind?: SignInMethod['kind'];
  apiKey?: string;
  clientId?: string;
  clientSecret?: string;
}

function answered(answer: InputStepAnswer | undefined): string | 'back' {
  if (answer === undefined) throw new UserCancelledError();
  return answer.kind === 'back' ? 'back' : answer.value;
}

/**
 * Runs the steps from `start` until the last one is answered. `onAddress` runs once for each new address (the
 * questions about a known or untrusted host), before any secret is asked for.
 */
export async function askTenantSteps(
  title: string,
  answers: TenantAnswers,
  start: TenantStep,
  onAddress: (url: TenantUrl) => Promise<void>,
): Promise<{ url: TenantUrl; credentials: Credentials }> {
  let step = start;
  // Coming back after a refused sign-in, the address was checked already.
  const kept = normalizeTenantUrl(answers.address);
  let checkedOrigin = start !== 'address' && kept.ok ? kept.origin : undefined;
  for (;;) {
    const totalSteps = answers.kind === 'oauth' ? 4 : 3;
    const at = { title, totalSteps };
    if (step === 'address') {
      const value = answered(
        await prompts().stepInput({
          ...at,
          step: 1,
          prompt: vscode.l10n.t('The tenant address, for example acme.eu.qlikcloud.com or a URL from the browser'),
          placeHolder: 'acme.eu.qlikcloud.com',
          value: answers.address,
          validateInput: (v) => {
            const r = normalizeTenantUrl(v);
            return r.ok ? undefined : r.error;
          },
        }),
      );
      if (value === 'back') continue;
      const url = normalizeTenantUrl(value);
      if (!url.ok) throw new UserCancelledError();
      answers.address = value;
      if (checkedOrigin !== url.origin) {
        await onAddress(url);
        checkedOrigin = url.origin;
      }
      step = 'method';
    } else if (step === 'method') {
      const items = signInMethodItems();
      const answer = await prompts().pickStep(items, {
        title,
        step: 2,
        totalSteps,
        back: true,
        placeHolder: vscode.l10n.t('How do you sign in to this tenant?'),
      });
      if (answer === undefined) throw new UserCancelledError();
      if (answer.kind === 'back') {
        step = 'address';
        continue;
      }
      const picked = answer.item;
      answers.kind = picked.method;
      step = picked.method === 'apiKey' ? 'apiKey' : 'clientId';
    } else if (step === 'apiKey') {
      if (!(await askCredential(title, answers, 'apiKey'))) {
        step = 'method';
        continue;
      }
      return { url: urlOf(answers), credentials: { kind: 'apiKey', apiKey: answers.apiKey ?? '' } };
    } else if (step === 'clientId') {
      step = (await askCredential(title, answers, 'clientId')) ? 'clientSecret' : 'method';
    } else {
      if (!(await askCredential(title, answers, 'clientSecret'))) {
        step = 'clientId';
        continue;
      }
      const credentials: Credentials = { kind: 'oauth', clientId: answers.clientId ?? '', clientSecret: answers.clientSecret ?? '' };
      return { url: urlOf(answers), credentials };
    }
  }
}

type CredentialField = 'apiKey' | 'clientId' | 'clientSecret';

/** The step of a credential: where it stands, what it asks, and what its check says of an empty or a bad value. */
function credentialStep(field: CredentialField) {
  const [prompt, empty] =
    field === 'apiKey'
      ? [vscode.l10n.t('The API key (it is kept in VS Code’s secret storage only)'), vscode.l10n.t('Paste the API key.')]
      : field === 'clientId'
        ? [vscode.l10n.t('The OAuth client ID'), vscode.l10n.t('Enter the client ID.')]
        : [
            vscode.l10n.t('The OAuth client secret (it is kept in VS Code’s secret storage only)'),
            vscode.l10n.t('Paste the client secret.'),
          ];
  return {
    step: field === 'clientSecret' ? 4 : 3,
    totalSteps: field === 'apiKey' ? 3 : 4,
    prompt,
    password: field !== 'clientId',
    placeHolder: field === 'apiKey' ? 'eyJhbGciOi…' : undefined,
    validateInput: credentialValidator(empty, field),
  };
}

/** Asks for one credential, showing what was typed before; false when the person went Back. */
async function askCredential(title: string, answers: TenantAnswers, field: CredentialField): Promise<boolean> {
  const value = answered(await prompts().stepInput({ title, ...credentialStep(field), value: answers[field] }));
  if (value === 'back') return false;
  answers[field] = value.trim();
  return true;
}

function urlOf(answers: TenantAnswers): TenantUrl {
  const url = normalizeTenantUrl(answers.address);
  if (!url.ok) throw new UserCancelledError();
  return url;
}
