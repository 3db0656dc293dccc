// The Create API Key page: the form, then the one-time token view. The token is never kept in webview state.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../shared/webview.css';
import './createApiKey.css';
import { parseDuration } from '../../qlik/duration';
import { isScimIdpId } from '../../qlik/scim';
import { checkExpiryAgainstMaximum, durationWords } from '../../util/format';
import { checkText, MAX_DESCRIPTION_LENGTH } from '../../qlik/jsonPatch';
import { connect, h } from '../shared/browser';
import { type ErrorField, FromWebview, ToWebview } from './messages';

type FormMessage = Extract<ToWebview, { type: 'form' }>;
type CreatedMessage = Extract<ToWebview, { type: 'created' }>;

/** Form values kept across a reload of the page (no secret in here). */
interface FormState {
  description: string;
  choice: string;
  custom: string;
  scim: boolean;
  idp: string;
}

const PRESETS: Array<{ id: string; iso: string; label: string }> = [
  { id: 'P1D', iso: 'P1D', label: '1 day' },
  { id: 'P7D', iso: 'P7D', label: '7 days' },
  { id: 'P30D', iso: 'P30D', label: '30 days' },
  { id: 'P90D', iso: 'P90D', label: '90 days' },
];

const app = document.getElementById('app')!;
let form: FormMessage | undefined;
let values: FormState = { description: '', choice: 'max', custom: '', scim: false, idp: '' };
let busy = false;
const serverErrors: Partial<Record<ErrorField, string>> = {};

const connection = connect<ToWebview, FromWebview, FormState>({
  fromExtension: ToWebview,
  toExtension: FromWebview,
  onMessage(message) {
    switch (message.type) {
      case 'form':
        form = message;
        renderForm();
        break;
      case 'busy':
        busy = message.busy;
        update();
        break;
      case 'error':
        serverErrors[message.field] = message.message;
        busy = false;
        update();
        break;
      case 'created':
        renderToken(message);
        break;
      case 'revealed':
        showToken(message.token);
        break;
      case 'copied':
        showCopied(message.clearSeconds);
        break;
    }
  },
});
values = { ...values, ...(connection.state() ?? {}) };
app.append(h('p', { class: 'hint' }, 'Loading the tenant’s API key settings…'));

function maximum(): string | undefined {
  return values.scim ? form?.scimExpiry : form?.maxExpiry;
}

function words(iso: string | undefined): string {
  if (!iso) return 'unknown';
  const d = parseDuration(iso);
  return d.ok ? durationWords(d.value, navigator.language) : iso;
}

/** The expiry to send (undefined = the tenant maximum) and what is wrong with it, as typed. */
function chosenExpiry(): { iso?: string; problem?: string; words?: string } {
  if (values.choice === 'max') return { words: maximum() ? words(maximum()) : undefined };
  const iso = values.choice === 'custom' ? values.custom.trim() : values.choice;
  if (values.choice === 'custom' && iso === '')
    return { problem: 'Enter an ISO 8601 duration, for example P14D (14 days) or PT12H (12 hours).' };
  const problem = checkExpiryAgainstMaximum(iso, maximum(), navigator.language);
  const parsed = parseDuration(iso);
  return { iso: parsed.ok ? parsed.iso : iso, problem, words: parsed.ok ? durationWords(parsed.value, navigator.language) : undefined };
}

let refs:
  | {
      description: HTMLInputElement;
      descriptionError: HTMLElement;
      radios: Map<string, HTMLInputElement>;
      custom: HTMLInputElement;
      expiryNote: HTMLElement;
      scim?: HTMLInputElement;
      idp?: HTMLInputElement;
      scimBox?: HTMLElement;
      scimError?: HTMLElement;
      general: HTMLElement;
      submit: HTMLButtonElement;
    }
  | undefined;

function message(kind: 'error' | 'warning' | 'info' | 'success', text: string, id?: string): HTMLElement {
  return h('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status', id }, h('div', { class: 'body' }, text));
}

function renderForm(): void {
  if (!form) return;
  app.replaceChildren();
  const description = h('vscode-textfield', {
    id: 'description',
    placeholder: 'What uses this key, for example "CI pipeline"',
    value: values.description,
  }) as unknown as HTMLInputElement;
  const descriptionError = h('div', { class: 'field-error', id: 'description-error' });
  const radios = new Map<string, HTMLInputElement>();
  const group = h('vscode-radio-group', { variant: 'vertical', id: 'expiry' });
  const max = form.maxExpiry;
  for (const p of PRESETS) {
    const radio = h('vscode-radio', { name: 'expiry', value: p.id, label: p.label, 'data-choice': p.id }) as unknown as HTMLInputElement;
    radios.set(p.id, radio);
    group.append(radio as unknown as Node);
  }
  const maxRadio = h('vscode-radio', {
    name: 'expiry',
    value: 'max',
    label: max ? `The tenant maximum (${words(max)}, ${max})` : 'The tenant maximum',
    'data-choice': 'max',
  }) as unknown as HTMLInputElement;
  radios.set('max', maxRadio);
  group.append(maxRadio as unknown as Node);
  const customRadio = h('vscode-radio', {
    name: 'expiry',
    value: 'custom',
    label: 'Custom ISO 8601 duration',
    'data-choice': 'custom',
  }) as unknown as HTMLInputElement;
  radios.set('custom', customRadio);
  group.append(customRadio as unknown as Node);
  const custom = h('vscode-textfield', {
    id: 'custom-expiry',
    placeholder: 'P14D, PT12H, P1Y2M…',
    value: values.custom,
  }) as unknown as HTMLInputElement;
  const expiryNote = h('div', { class: 'expiry-note', id: 'expiry-note', 'aria-live': 'polite' });
  const general = h('div', { id: 'general-error' });
  const submit = h('vscode-button', { id: 'create' }, 'Create API Key') as unknown as HTMLButtonElement;

  app.append(
    h('h1', {}, 'Create API Key'),
    h(
      'p',
      { class: 'lead' },
      `On ${form.tenantLabel}, for ${form.userName}. Qlik Cloud shows the key’s token once, right after it is created.`,
    ),
    ...(form.configProblem ? [message('warning', form.configProblem)] : []),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'description' }, 'Description (required)'),
      description as unknown as Node,
      descriptionError,
    ),
    h('div', { class: 'field' }, h('label', { for: 'expiry' }, 'Expires after'), group, custom as unknown as Node, expiryNote),
  );
  refs = { description, descriptionError, radios, custom, expiryNote, general, submit };
  if (form.isAdmin) {
    const scim = h('vscode-checkbox', {
      id: 'scim',
      label: 'SCIM key for an identity provider',
      checked: values.scim,
    }) as unknown as HTMLInputElement;
    const idp = h('vscode-textfield', {
      id: 'idp',
      placeholder: 'The identity provider’s ID in Qlik Cloud',
      value: values.idp,
    }) as unknown as HTMLInputElement;
    const scimError = h('div', { class: 'field-error', id: 'scim-error' });
    const scimBox = h(
      'div',
      { class: 'field scim', id: 'scim-box' },
      h('label', { for: 'idp' }, 'Identity provider ID'),
      idp as unknown as Node,
      h(
        'div',
        { class: 'hint' },
        'The key is created with subject type externalClient and subject SCIM\\\\<IdP ID>, for provisioning users from that identity provider.',
      ),
      scimError,
    );
    app.append(h('div', { class: 'field' }, scim as unknown as Node), scimBox);
    Object.assign(refs, { scim, idp, scimBox, scimError });
    scim.addEventListener('change', () => {
      values.scim = scim.checked;
      delete serverErrors.scim;
      update();
    });
    idp.addEventListener('input', () => {
      values.idp = idp.value;
      delete serverErrors.scim;
      update();
    });
  }
  app.append(general, h('div', { class: 'actions' }, submit as unknown as Node));

  description.addEventListener('input', () => {
    values.description = description.value;
    delete serverErrors.description;
    update();
  });
  group.addEventListener('change', () => {
    for (const [id, radio] of radios) if (radio.checked) values.choice = id;
    delete serverErrors.expiry;
    update();
  });
  custom.addEventListener('input', () => {
    values.custom = custom.value;
    if (values.choice !== 'custom') {
      values.choice = 'custom';
      for (const [id, radio] of radios) radio.checked = id === 'custom';
    }
    delete serverErrors.expiry;
    update();
  });
  submit.addEventListener('click', () => {
    if (submit.disabled || busy) return;
    const expiry = chosenExpiry();
    for (const f of Object.keys(serverErrors)) delete serverErrors[f as ErrorField];
    connection.post({
      type: 'create',
      description: values.description,
      ...(expiry.iso !== undefined ? { expiry: expiry.iso } : {}),
      ...(values.scim && form?.isAdmin ? { scimIdpId: values.idp.trim() } : {}),
    });
  });
  for (const [id, radio] of radios) radio.checked = id === values.choice;
  update();
}

function update(): void {
  if (!refs || !form) return;
  connection.saveState(values);
  const descriptionProblem =
    values.description === '' ? undefined : checkText('description', values.description, { required: true, max: MAX_DESCRIPTION_LENGTH });
  refs.descriptionError.replaceChildren(
    ...((serverErrors.description ?? descriptionProblem) ? [message('error', serverErrors.description ?? descriptionProblem!)] : []),
  );
  const max = maximum();
  for (const p of PRESETS) {
    const radio = refs.radios.get(p.id)!;
    const over = max ? checkExpiryAgainstMaximum(p.iso, max, navigator.language) !== undefined : false;
    radio.disabled = over;
    (radio as unknown as { label: string }).label = over ? `${p.label} (over the tenant maximum)` : p.label;
    if (over && values.choice === p.id) {
      values.choice = 'max';
      for (const [id, r] of refs.radios) r.checked = id === 'max';
    }
  }
  const maxRadio = refs.radios.get('max') as unknown as { label: string };
  maxRadio.label = max ? `The tenant maximum (${words(max)}, ${max})` : 'The tenant maximum';
  const expiry = chosenExpiry();
  const expiryProblem = serverErrors.expiry ?? (values.choice === 'custom' && values.custom.trim() === '' ? undefined : expiry.problem);
  refs.expiryNote.replaceChildren(
    expiryProblem
      ? message('error', expiryProblem)
      : h(
          'div',
          { class: 'hint' },
          expiry.words
            ? `The key expires after ${expiry.words}${max ? ` (the tenant allows at most ${words(max)})` : ''}.`
            : 'Type a duration such as P14D.',
        ),
  );
  let scimProblem: string | undefined;
  if (refs.scimBox) {
    refs.scimBox.hidden = !values.scim;
    if (values.scim && values.idp.trim() !== '' && !isScimIdpId(values.idp.trim())) {
      scimProblem = 'The identity provider ID has letters, digits, "-" and "_" only.';
    }
    refs.scimError!.replaceChildren(...((serverErrors.scim ?? scimProblem) ? [message('error', serverErrors.scim ?? scimProblem!)] : []));
  }
  refs.general.replaceChildren(...(serverErrors.general ? [message('error', serverErrors.general)] : []));
  const ready =
    !busy &&
    checkText('description', values.description, { required: true, max: MAX_DESCRIPTION_LENGTH }) === undefined &&
    !expiry.problem &&
    !(values.scim && (values.idp.trim() === '' || scimProblem));
  refs.submit.disabled = !ready;
  refs.submit.textContent = busy ? 'Creating…' : 'Create API Key';
}

let tokenRefs: { token: HTMLElement; reveal: HTMLButtonElement; copied: HTMLElement; clearSeconds: number } | undefined;
let revealed = false;

function renderToken(created: CreatedMessage): void {
  refs = undefined;
  revealed = false;
  // Nothing of the form is kept once the key exists.
  connection.saveState({ description: '', choice: 'max', custom: '', scim: false, idp: '' });
  app.replaceChildren();
  const token = h(
    'code',
    { class: 'token masked', id: 'token', 'aria-label': 'The token, hidden' },
    '•'.repeat(Math.min(48, created.tokenLength || 48)),
  );
  const reveal = h('vscode-button', { id: 'reveal', secondary: true }, 'Reveal') as unknown as HTMLButtonElement;
  const copy = h('vscode-button', { id: 'copy' }, 'Copy') as unknown as HTMLButtonElement;
  const done = h('vscode-button', { id: 'done', secondary: true }, 'Done') as unknown as HTMLButtonElement;
  const copied = h('div', { id: 'copied' });
  const expiry = new Date(created.key.expiry);
  app.append(
    h('h1', {}, created.replaces ? 'Replacement API key created' : 'API key created'),
    h(
      'p',
      { class: 'lead' },
      `“${created.key.description}” on ${created.tenantLabel}${created.replaces ? `, replacing ${created.replaces}` : ''}.`,
    ),
    message('warning', 'Copy the token now. Qlik Cloud will never show it again: once this panel is closed, nobody can see it.'),
    h('div', { class: 'token-row' }, token),
    h('div', { class: 'actions' }, reveal as unknown as Node, copy as unknown as Node, done as unknown as Node),
    copied,
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Key ID'),
      h('dd', { id: 'key-id' }, created.key.id),
      h('dt', {}, 'Expires'),
      h(
        'dd',
        {},
        Number.isNaN(expiry.getTime())
          ? created.key.expiry
          : `${expiry
              .toISOString()
              .replace('T', ' ')
              .replace(/\.\d+Z$/, ' UTC')}`,
      ),
      h('dt', {}, created.key.scim ? 'SCIM subject' : 'Owner'),
      h('dd', {}, created.key.sub),
    ),
  );
  tokenRefs = { token, reveal, copied, clearSeconds: created.clearSeconds };
  reveal.addEventListener('click', () => {
    if (revealed) hideToken();
    else connection.post({ type: 'reveal' });
  });
  copy.addEventListener('click', () => connection.post({ type: 'copy' }));
  done.addEventListener('click', () => connection.post({ type: 'close' }));
  if (created.copied) showCopied(created.clearSeconds);
}

function showToken(value: string): void {
  if (!tokenRefs) return;
  revealed = true;
  tokenRefs.token.textContent = value;
  tokenRefs.token.classList.remove('masked');
  tokenRefs.token.setAttribute('aria-label', 'The token');
  tokenRefs.reveal.textContent = 'Hide';
}

function hideToken(): void {
  if (!tokenRefs) return;
  revealed = false;
  const length = tokenRefs.token.textContent?.length ?? 48;
  tokenRefs.token.textContent = '•'.repeat(Math.min(48, length));
  tokenRefs.token.classList.add('masked');
  tokenRefs.token.setAttribute('aria-label', 'The token, hidden');
  tokenRefs.reveal.textContent = 'Reveal';
}

function showCopied(clearSeconds: number): void {
  if (!tokenRefs) return;
  tokenRefs.copied.replaceChildren(
    message(
      'success',
      clearSeconds > 0
        ? `Copied. The clipboard is cleared in ${clearSeconds} seconds if it still holds the token.`
        : 'Copied. The clipboard keeps the token until you copy something else.',
    ),
  );
}
