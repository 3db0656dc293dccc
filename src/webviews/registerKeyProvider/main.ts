// The "Register AWS KMS Key" page: validates as the person types (the client's own ARN parser), then asks the
// extension to register; shows the registered provider or the error inline with the input kept.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { checkText, MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, parseKmsKeyArn } from '../../qlik/pure';
import { connect, h } from '../shared/browser';
import '../shared/webview.css';
import { FromWebview, type RegisterForm, type RegisteredProvider, ToWebview } from './messages';

type Field = HTMLElement & { value: string; invalid: boolean; disabled: boolean };
type Button = HTMLElement & { disabled: boolean };
type ErrorMessage = Extract<ToWebview, { type: 'error' }>;

const app = document.getElementById('app') as HTMLElement;
let tenantLabel = '';
let busy = false;
const touched = { arn: false, name: false };

// ---- the form ----
const arnField = h('vscode-textfield', { id: 'arn', placeholder: 'arn:aws:kms:eu-west-1:111122223333:key/mrk-…', 'aria-describedby': 'arn-problems' }) as Field;
const nameField = h('vscode-textfield', { id: 'name', placeholder: 'Production CMK' }) as Field;
const descriptionField = h('vscode-textarea', { id: 'description', rows: 3 }) as Field;
const arnProblems = h('div', { id: 'arn-problems', role: 'status' });
const arnFacts = h('dl', { class: 'facts', id: 'arn-facts', hidden: true });
const arnWarning = h('div', { id: 'arn-warning' });
const nameProblem = h('div', { id: 'name-problem', role: 'status' });
const descriptionProblem = h('div', { id: 'description-problem', role: 'status' });
const submit = h('vscode-button', { id: 'submit', disabled: true }, 'Register key') as Button;
const serverError = h('div', { id: 'server-error', role: 'alert' });
const formView = h(
  'section',
  { id: 'form' },
  h('div', { class: 'field' }, h('vscode-label', { for: 'arn', required: true }, 'Key ARN'), arnField,
    h('span', { class: 'hint' }, 'The ARN of a symmetric AWS KMS key (not an alias). Multi-region keys (mrk-…) are recommended.'),
    arnProblems, arnFacts, arnWarning),
  h('div', { class: 'field' }, h('vscode-label', { for: 'name', required: true }, 'Name'), nameField, nameProblem),
  h('div', { class: 'field' }, h('vscode-label', { for: 'description' }, 'Description'), descriptionField, descriptionProblem),
  serverError,
  h('div', { class: 'actions' }, submit),
);

// ---- after 201 ----
const registeredView = h('section', { id: 'registered', hidden: true });
const validation = h('div', { id: 'validation', role: 'status' });

const title = h('h1', {}, 'Register AWS KMS Key');
const lead = h('p', { class: 'lead' });
app.append(title, lead, formView, registeredView);

const connection = connect<ToWebview, FromWebview, { form: RegisterForm }>({
  fromExtension: ToWebview,
  toExtension: FromWebview,
  onMessage,
});

function form(): RegisterForm {
  return { arn: arnField.value ?? '', name: nameField.value ?? '', description: descriptionField.value ?? '' };
}

function message(kind: 'error' | 'warning' | 'info' | 'success', titleText: string | undefined, ...body: Array<Node | string | undefined>): HTMLElement {
  return h('div', { class: `message ${kind}` }, h('div', { class: 'body' }, titleText ? h('div', { class: 'title' }, titleText) : undefined, ...body));
}

/** Checks the form as typed; returns whether it may be sent. Messages show once a field was touched. */
function check(): boolean {
  const values = form();
  const parsed = parseKmsKeyArn(values.arn);
  arnProblems.replaceChildren();
  arnWarning.replaceChildren();
  arnFacts.replaceChildren();
  arnFacts.hidden = true;
  if (parsed.ok) {
    const v = parsed.value;
    const facts: Array<[string, string]> = [
      ['Region', v.region],
      ['Account', v.account],
      ['Key ID', v.keyId],
      ['Multi-region', v.multiRegion ? 'yes' : 'no'],
    ];
    if (v.partition !== 'aws') facts.unshift(['Partition', v.partition]);
    arnFacts.append(...facts.flatMap(([k, val]) => [h('dt', {}, k), h('dd', {}, val)]));
    arnFacts.hidden = false;
    for (const w of parsed.warnings) arnWarning.append(message('warning', undefined, w));
  } else if (touched.arn) {
    arnProblems.append(message('error', undefined, ...parsed.problems.map((p) => h('div', {}, p))));
  }
  arnField.invalid = touched.arn && !parsed.ok;

  const nameText = checkText('name', values.name, { required: true, max: MAX_NAME_LENGTH });
  nameProblem.replaceChildren(touched.name && nameText ? message('error', undefined, nameText) : '');
  nameField.invalid = touched.name && nameText !== undefined;
  const descriptionText = checkText('description', values.description, { required: false, max: MAX_DESCRIPTION_LENGTH });
  descriptionProblem.replaceChildren(descriptionText ? message('error', undefined, descriptionText) : '');

  const valid = parsed.ok && !nameText && !descriptionText;
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
    const link = h('button', { class: 'link', id: 'show-existing', type: 'button' }, `Show “${error.existing.name}” in the tree`);
    link.addEventListener('click', () => connection.post({ type: 'showExisting' }));
    body.push(h('div', {}, link));
  }
  if (error.detail) body.push(h('div', { class: 'hint' }, error.detail));
  if (error.retry) {
    const retry = h('vscode-button', { id: 'retry', secondary: true }, 'Try again') as Button;
    retry.addEventListener('click', send);
    body.push(h('div', { class: 'actions' }, retry));
  }
  if (error.kind === 'badArn') arnField.invalid = true;
  const target = registeredView.hidden ? serverError : validation;
  target.replaceChildren(message('error', error.title, ...body));
}

function showRegistered(p: RegisteredProvider): void {
  formView.hidden = true;
  registeredView.hidden = false;
  title.textContent = 'AWS KMS key registered';
  const facts: Array<[string, string]> = [
    ['Name', p.name],
    ['ARN', p.arn],
    ['Fingerprint', p.fingerprint],
    ['Multi-region', p.multiRegion === undefined ? 'unknown' : p.multiRegion ? 'yes' : 'no'],
    ['Replica keys', p.replicas.length ? p.replicas.map((r) => `${r.region ?? '?'} (${r.arn})`).join(', ') : 'none'],
  ];
  if (p.description) facts.splice(1, 0, ['Description', p.description]);
  const validate = h('vscode-button', { id: 'validate-now' }, 'Validate now') as Button;
  const migrate = h('vscode-button', { id: 'migrate-now', secondary: true }, 'Migrate to this key…') as Button;
  const another = h('button', { class: 'link', id: 'register-another', type: 'button' }, 'Register another key');
  validate.addEventListener('click', () => connection.post({ type: 'validateNow' }));
  migrate.addEventListener('click', () => connection.post({ type: 'migrateNow' }));
  another.addEventListener('click', () => connection.post({ type: 'registerAnother' }));
  registeredView.replaceChildren(
    message('success', `${p.name} is registered on ${tenantLabel}.`, 'Validate it before migrating the tenant’s encryption to it.'),
    h('dl', { class: 'facts', id: 'registered-facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    validation,
    h('div', { class: 'actions' }, validate, migrate),
    h('p', {}, another),
  );
  if (p.multiRegion === false) {
    registeredView.insertBefore(message('warning', undefined, 'This is a single-region key: it does not survive a regional failover.'), validation);
  }
}

function restoreForm(values: RegisterForm | undefined): void {
  formView.hidden = false;
  registeredView.hidden = true;
  validation.replaceChildren();
  title.textContent = 'Register AWS KMS Key';
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
      lead.textContent = `Make an AWS KMS key available to ${m.tenantLabel} (${m.tenantOrigin}) for encrypting its data.`;
      restoreForm(m.form ?? connection.state()?.form);
      break;
    case 'busy':
      busy = m.busy;
      submit.disabled = busy || !check();
      submit.textContent = busy && m.what === 'register' ? 'Registering…' : 'Register key';
      for (const id of ['validate-now', 'migrate-now']) {
        const b = document.getElementById(id) as Button | null;
        if (b) b.disabled = busy;
      }
      if (busy && m.what === 'validate') validation.replaceChildren(message('info', undefined, 'Validating the key…'));
      break;
    case 'error':
      showError(m);
      break;
    case 'registered':
      showRegistered(m.provider);
      break;
    case 'validated':
      validation.replaceChildren(
        message(m.ok ? 'success' : 'warning', m.ok ? 'Validated' : 'Compliance problem', m.message,
          ...m.problems.map((p) => h('div', {}, `${p.code}${p.region ? ` [${p.region}]` : ''}: ${p.message}`))),
      );
      break;
    case 'notice':
      validation.replaceChildren(message('info', undefined, m.message));
      break;
  }
}
