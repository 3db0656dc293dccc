// The "Register AWS KMS Key" page: validates as the person types (the client's own ARN parser), then asks the
// extension to register; shows the registered provider or the error inline with the input kept.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { checkText, MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, parseKmsKeyArn, preflightKey } from '../../qlik/pure';
import * as l10n from '@vscode/l10n';
import { connect, h } from '../shared/browser';
import { facts, message } from '../shared/browserUi';
import '../shared/webview.css';
import { showFindings, showValidation } from './findings';
import { FromWebview, type RegisterForm, type RegisteredProvider, ToWebview } from './messages';

type ErrorMessage = Extract<ToWebview, { type: 'error' }>;

const app = document.getElementById('app')!;
let tenantLabel = '';
let tenantRegion: string | undefined;
let registeredArns: string[] = [];
let busy = false;
const touched = { arn: false, name: false };

const arnField = h('vscode-textfield', {
  id: 'arn',
  placeholder: 'arn:aws:kms:eu-west-1:111122223333:key/mrk-…',
  'aria-describedby': 'arn-problems',
});
const nameField = h('vscode-textfield', { id: 'name' });
const descriptionField = h('vscode-textarea', { id: 'description', rows: 3 });
const arnProblems = h('div', { id: 'arn-problems', role: 'status' });
const arnFacts = h('dl', { class: 'facts', id: 'arn-facts', hidden: true });
const arnFindings = h('div', { id: 'arn-findings', role: 'status' });
const nameProblem = h('div', { id: 'name-problem', role: 'status' });
const descriptionProblem = h('div', { id: 'description-problem', role: 'status' });
const submit = h('vscode-button', { id: 'submit', disabled: true });
const serverError = h('div', { id: 'server-error', role: 'alert' });
const formView = h('section', { id: 'form', hidden: true });
const registeredView = h('section', { id: 'registered', hidden: true });
const validation = h('div', { id: 'validation', role: 'status' });
const title = h('h1');
/** Validate now and Migrate…, while the registered view shows. */
let registeredButtons: Array<{ disabled: boolean }> = [];
const lead = h('p', { class: 'lead' });
app.append(title, lead, formView, registeredView);

/** Labels and hints, once the l10n bundle is configured (on `init`). */
function buildForm(): void {
  nameField.placeholder = l10n.t('Production CMK');
  formView.replaceChildren(
    h(
      'div',
      { class: 'field' },
      h('vscode-label', { for: 'arn', required: true }, l10n.t('Key ARN')),
      arnField,
      h('span', { class: 'hint' }, l10n.t('The ARN of a symmetric AWS KMS key (not an alias). Multi-region keys (mrk-…) are recommended.')),
      arnProblems,
      arnFacts,
      arnFindings,
    ),
    h('div', { class: 'field' }, h('vscode-label', { for: 'name', required: true }, l10n.t('Name')), nameField, nameProblem),
    h('div', { class: 'field' }, h('vscode-label', { for: 'description' }, l10n.t('Description')), descriptionField, descriptionProblem),
    serverError,
    h('div', { class: 'actions' }, submit),
  );
  submit.textContent = l10n.t('Register key');
}

const connection = connect<ToWebview, FromWebview, { form: RegisterForm }>({
  fromExtension: ToWebview,
  toExtension: FromWebview,
  onMessage,
});

function form(): RegisterForm {
  return { arn: arnField.value ?? '', name: nameField.value ?? '', description: descriptionField.value ?? '' };
}

/** Checks the form as typed; returns whether it may be sent. Messages show once a field was touched. */
function check(): boolean {
  const values = form();
  const parsed = parseKmsKeyArn(values.arn);
  arnProblems.replaceChildren();
  arnFindings.replaceChildren();
  arnFacts.replaceChildren();
  arnFacts.hidden = true;
  if (parsed.ok) {
    const v = parsed.value;
    const rows: Array<[string, string]> = [
      [l10n.t('Region'), v.region],
      [l10n.t('Account'), v.account],
      [l10n.t('Key ID'), v.keyId],
      [l10n.t('Multi-region'), v.multiRegion ? l10n.t('yes') : l10n.t('no')],
    ];
    if (v.partition !== 'aws') rows.unshift([l10n.t('Partition'), v.partition]);
    arnFacts.append(...Array.from(facts(undefined, rows).childNodes));
    arnFacts.hidden = false;
  } else if (touched.arn) {
    arnProblems.append(message('error', undefined, ...parsed.problems.map((p) => h('div', {}, p))));
  }
  // What the documents say about this key for this tenant; a blocking finding keeps the form from being sent.
  const preflight = parsed.ok ? preflightKey(values.arn, { tenantRegion, registeredArns }) : undefined;
  if (preflight) showFindings(arnFindings, preflight.findings);
  arnField.invalid = (touched.arn && !parsed.ok) || preflight?.blocked === true;

  const nameText = checkText('name', values.name, { required: true, max: MAX_NAME_LENGTH });
  nameProblem.replaceChildren(touched.name && nameText ? message('error', undefined, nameText) : '');
  nameField.invalid = touched.name && nameText !== undefined;
  const descriptionText = checkText('description', values.description, { required: false, max: MAX_DESCRIPTION_LENGTH });
  descriptionProblem.replaceChildren(descriptionText ? message('error', undefined, descriptionText) : '');

  const valid = parsed.ok && !preflight?.blocked && !nameText && !descriptionText;
  submit.disabled = !valid || busy;
  connection.saveState({ form: values });
  return valid;
}

function onInput(field: 'arn' | 'name' | undefined) {
  return () => {
    if (field) touched[field] = true;
    serverError.replaceChildren();
    check();
  };
}
arnField.addEventListener('input', onInput('arn'));
arnField.addEventListener('blur', onInput('arn'));
nameField.addEventListener('input', onInput('name'));
nameField.addEventListener('blur', onInput('name'));
descriptionField.addEventListener('input', onInput(undefined));

function send(): void {
  touched.arn = true;
  touched.name = true;
  if (busy || !check()) return;
  connection.post({ type: 'register', form: form() });
}
submit.addEventListener('click', send);
for (const field of [arnField, nameField]) {
  field.addEventListener('keydown', (event: KeyboardEvent) => {
    if (event.key === 'Enter') send();
  });
}

function showError(error: ErrorMessage): void {
  const body: Array<Node | string | undefined> = [h('div', {}, error.message)];
  if (error.policy?.length) body.push(h('ul', {}, ...error.policy.map((line) => h('li', {}, line))));
  if (error.existing) {
    const link = h('button', { class: 'link', id: 'show-existing', type: 'button' }, l10n.t('Show “{0}” in the tree', error.existing.name));
    link.addEventListener('click', () => connection.post({ type: 'showExisting' }));
    body.push(h('div', {}, link));
  }
  if (error.detail) body.push(h('div', { class: 'hint' }, error.detail));
  if (error.retry && registeredView.hidden) {
    const retry = h('vscode-button', { id: 'retry', secondary: true }, l10n.t('Try again'));
    retry.addEventListener('click', send);
    body.push(h('div', { class: 'actions' }, retry));
  }
  if (error.kind === 'badArn' || error.field === 'arn') arnField.invalid = true;
  if (error.field === 'name') nameField.invalid = true;
  // Next to the field the service named, while the form shows.
  const slot = { arn: arnProblems, name: nameProblem, description: descriptionProblem };
  const target = !registeredView.hidden ? validation : error.field ? slot[error.field] : serverError;
  target.replaceChildren(message('error', error.title, ...body));
}

function showRegistered(p: RegisteredProvider): void {
  formView.hidden = true;
  registeredView.hidden = false;
  title.textContent = l10n.t('AWS KMS key registered');
  const rows: Array<[string, string]> = [
    [l10n.t('Name'), p.name],
    [l10n.t('ARN'), p.arn],
    [l10n.t('Fingerprint'), p.fingerprint],
    [l10n.t('Multi-region'), p.multiRegion === undefined ? l10n.t('unknown') : p.multiRegion ? l10n.t('yes') : l10n.t('no')],
    [l10n.t('Replica keys'), p.replicas.length ? p.replicas.map((r) => `${r.region ?? '?'} (${r.arn})`).join(', ') : l10n.t('none')],
  ];
  if (p.description) rows.splice(1, 0, [l10n.t('Description'), p.description]);
  const validate = h('vscode-button', { id: 'validate-now' }, l10n.t('Validate now'));
  const migrate = h('vscode-button', { id: 'migrate-now', secondary: true }, l10n.t('Migrate to this key…'));
  const another = h('button', { class: 'link', id: 'register-another', type: 'button' }, l10n.t('Register another key'));
  registeredButtons = [validate, migrate];
  validate.addEventListener('click', () => connection.post({ type: 'validateNow' }));
  migrate.addEventListener('click', () => connection.post({ type: 'migrateNow' }));
  another.addEventListener('click', () => connection.post({ type: 'registerAnother' }));
  registeredView.replaceChildren(
    message(
      'success',
      l10n.t('{0} is registered on {1}.', p.name, tenantLabel),
      l10n.t('Validate it before migrating the tenant’s encryption to it.'),
    ),
    p.multiRegion === false
      ? message('warning', undefined, l10n.t('This is a single-region key: it does not survive a regional failover.'))
      : '',
    facts('registered-facts', rows),
    validation,
    h('div', { class: 'actions' }, validate, migrate),
    h('p', {}, another),
  );
}

function restoreForm(values: RegisterForm | undefined): void {
  formView.hidden = false;
  registeredView.hidden = true;
  validation.replaceChildren();
  title.textContent = l10n.t('Register AWS KMS Key');
  arnField.value = values?.arn ?? '';
  nameField.value = values?.name ?? '';
  descriptionField.value = values?.description ?? '';
  touched.arn = Boolean(values?.arn);
  touched.name = Boolean(values?.name);
  serverError.replaceChildren();
  check();
}

function onMessage(m: ToWebview): void {
  switch (m.type) {
    case 'init':
      tenantLabel = m.tenantLabel;
      tenantRegion = m.tenantRegion;
      registeredArns = m.registeredArns ?? [];
      buildForm();
      lead.textContent = l10n.t('Make an AWS KMS key available to {0} ({1}) for encrypting its data.', m.tenantLabel, m.tenantOrigin);
      restoreForm(m.form ?? connection.state()?.form);
      break;
    case 'busy':
      busy = m.busy;
      submit.disabled = busy || !check();
      submit.textContent = busy && m.what === 'register' ? l10n.t('Registering…') : l10n.t('Register key');
      for (const b of registeredButtons) b.disabled = busy;
      if (busy && m.what === 'validate') validation.replaceChildren(message('info', undefined, l10n.t('Validating the key…')));
      break;
    case 'error':
      showError(m);
      break;
    case 'registered':
      showRegistered(m.provider);
      break;
    case 'validated':
      showValidation(validation, m);
      break;
    case 'notice':
      validation.replaceChildren(message('info', undefined, m.message));
      break;
  }
}
