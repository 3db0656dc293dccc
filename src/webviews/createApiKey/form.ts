// The Create API Key form: description, expiry (presets, the tenant maximum, custom), and for TenantAdmins a SCIM key.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import * as l10n from '@vscode/l10n';
import { checkText, MAX_DESCRIPTION_LENGTH } from '../../qlik/jsonPatch';
import { isScimIdpId } from '../../qlik/scim';
import { h } from '../shared/browser';
import { message } from '../shared/browserUi';
import { chosenExpiry, isOverMaximum, maximumLabel, presets, words } from './expiry';
import type { ErrorField, FromWebview, ToWebview } from './messages';

export type FormMessage = Extract<ToWebview, { type: 'form' }>;

/** Form values kept across a reload of the page (no secret in here). */
export interface FormState {
  description: string;
  choice: string;
  custom: string;
  scim: boolean;
  idp: string;
}

export const EMPTY_FORM: FormState = { description: '', choice: 'max', custom: '', scim: false, idp: '' };

export interface FormView {
  setBusy(busy: boolean): void;
  showError(field: ErrorField, text: string): void;
}

/** Draws the form into `app`; `save` keeps the values, `send` posts the create request. */
export function showForm(
  app: HTMLElement,
  form: FormMessage,
  values: FormState,
  save: (values: FormState) => void,
  send: (message: Extract<FromWebview, { type: 'create' }>) => void,
  locale: string,
): FormView {
  let busy = false;
  const serverErrors: Partial<Record<ErrorField, string>> = {};
  const maximum = () => (values.scim ? form.scimExpiry : form.maxExpiry);
  const errorBox = (text: string | undefined) => (text ? [message('error', undefined, text)] : []);

  const description = h('vscode-textfield', {
    id: 'description',
    placeholder: l10n.t('What uses this key, for example "CI pipeline"'),
    value: values.description,
  });
  const descriptionError = h('div', { class: 'field-error', id: 'description-error', role: 'alert' });
  const group = h('vscode-radio-group', { variant: 'vertical', id: 'expiry' });
  const radios = new Map<string, HTMLElementTagNameMap['vscode-radio']>();
  const choices = [...presets().map((p) => ({ id: p.iso, label: p.label })), { id: 'max', label: maximumLabel(form.maxExpiry, locale) }];
  for (const c of [...choices, { id: 'custom', label: l10n.t('Custom ISO 8601 duration') }]) {
    const radio = h('vscode-radio', { name: 'expiry', value: c.id, label: c.label, 'data-choice': c.id });
    radios.set(c.id, radio);
    group.append(radio);
  }
  const custom = h('vscode-textfield', { id: 'custom-expiry', placeholder: l10n.t('P14D, PT12H, P1Y2M…'), value: values.custom });
  const expiryNote = h('div', { class: 'expiry-note', id: 'expiry-note', 'aria-live': 'polite' });
  const general = h('div', { id: 'general-error', role: 'alert' });
  const submit = h('vscode-button', { id: 'create' }, l10n.t('Create API Key'));

  app.replaceChildren(
    h('h1', {}, l10n.t('Create API Key')),
    h(
      'p',
      { class: 'lead' },
      l10n.t('On {0}, for {1}. Qlik Cloud shows the key’s token once, right after it is created.', form.tenantLabel, form.userName),
    ),
    ...(form.configProblem ? [message('warning', undefined, form.configProblem)] : []),
    h('div', { class: 'field' }, h('label', { for: 'description' }, l10n.t('Description (required)')), description, descriptionError),
    h('div', { class: 'field' }, h('label', { for: 'expiry' }, l10n.t('Expires after')), group, custom, expiryNote),
  );

  const scim = form.isAdmin ? scimFields(app, values) : undefined;
  app.append(general, h('div', { class: 'actions' }, submit));

  const changed = (field: ErrorField) => {
    delete serverErrors[field];
    update();
  };
  scim?.checkbox.addEventListener('change', () => {
    values.scim = scim.checkbox.checked;
    changed('scim');
  });
  scim?.idp.addEventListener('input', () => {
    values.idp = scim.idp.value;
    changed('scim');
  });
  description.addEventListener('input', () => {
    values.description = description.value;
    changed('description');
  });
  group.addEventListener('change', () => {
    for (const [id, radio] of radios) if (radio.checked) values.choice = id;
    changed('expiry');
  });
  custom.addEventListener('input', () => {
    values.custom = custom.value;
    if (values.choice !== 'custom') select('custom');
    changed('expiry');
  });
  submit.addEventListener('click', () => {
    if (submit.disabled || busy) return;
    const expiry = chosenExpiry(values.choice, values.custom, maximum(), locale);
    for (const f of Object.keys(serverErrors)) delete serverErrors[f as ErrorField];
    send({
      type: 'create',
      description: values.description,
      ...(expiry.iso !== undefined ? { expiry: expiry.iso } : {}),
      ...(values.scim && form.isAdmin ? { scimIdpId: values.idp.trim() } : {}),
    });
  });

  function select(choice: string): void {
    values.choice = choice;
    for (const [id, radio] of radios) radio.checked = id === choice;
  }

  function update(): void {
    save(values);
    const described = checkText('description', values.description, { required: true, max: MAX_DESCRIPTION_LENGTH });
    descriptionError.replaceChildren(...errorBox(serverErrors.description ?? (values.description === '' ? undefined : described)));
    const max = maximum();
    for (const p of presets()) {
      const radio = radios.get(p.iso)!;
      const over = isOverMaximum(p.iso, max, locale);
      radio.disabled = over;
      radio.label = over ? l10n.t('{0} (over the tenant maximum)', p.label) : p.label;
      if (over && values.choice === p.iso) select('max');
    }
    radios.get('max')!.label = maximumLabel(max, locale);
    const expiry = chosenExpiry(values.choice, values.custom, max, locale);
    const typing = values.choice === 'custom' && values.custom.trim() === '';
    const expiryProblem = serverErrors.expiry ?? (typing ? undefined : expiry.problem);
    const hint = expiry.words
      ? max
        ? l10n.t('The key expires after {0} (the tenant allows at most {1}).', expiry.words, words(max, locale))
        : l10n.t('The key expires after {0}.', expiry.words)
      : l10n.t('Type a duration such as P14D.');
    expiryNote.replaceChildren(expiryProblem ? message('error', undefined, expiryProblem) : h('div', { class: 'hint' }, hint));
    let scimProblem: string | undefined;
    if (scim) {
      scim.box.hidden = !values.scim;
      const idp = values.idp.trim();
      if (values.scim && idp !== '' && !isScimIdpId(idp)) {
        scimProblem = l10n.t('The identity provider ID has letters, digits, "-" and "_" only.');
      }
      scim.error.replaceChildren(...errorBox(serverErrors.scim ?? scimProblem));
    }
    general.replaceChildren(...errorBox(serverErrors.general));
    const ready = !busy && described === undefined && !expiry.problem && !(values.scim && (values.idp.trim() === '' || scimProblem));
    submit.disabled = !ready;
    submit.textContent = busy ? l10n.t('Creating…') : l10n.t('Create API Key');
  }

  select(values.choice);
  update();
  return {
    setBusy(b) {
      busy = b;
      update();
    },
    showError(field, text) {
      serverErrors[field] = text;
      busy = false;
      update();
    },
  };
}

/** The SCIM checkbox and the identity provider's ID (TenantAdmins only). */
function scimFields(app: HTMLElement, values: FormState) {
  const checkbox = h('vscode-checkbox', { id: 'scim', label: l10n.t('SCIM key for an identity provider'), checked: values.scim });
  const idp = h('vscode-textfield', { id: 'idp', placeholder: l10n.t('The identity provider’s ID in Qlik Cloud'), value: values.idp });
  const error = h('div', { class: 'field-error', id: 'scim-error', role: 'alert' });
  const box = h(
    'div',
    { class: 'field scim', id: 'scim-box' },
    h('label', { for: 'idp' }, l10n.t('Identity provider ID')),
    idp,
    h(
      'div',
      { class: 'hint' },
      l10n.t(
        'The key is created with subject type externalClient and subject SCIM\\\\<IdP ID>, for provisioning users from that identity provider.',
      ),
    ),
    error,
  );
  app.append(h('div', { class: 'field' }, checkbox), box);
  return { checkbox, idp, error, box };
}
