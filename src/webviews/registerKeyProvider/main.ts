// The "Register AWS KMS Key" page: validates as the person types (the client's own ARN parser), then asks the
// extension to register; shows the registered provider or the error inline with the input kept.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { checkText, MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, parseKmsKeyArn, regionProblems, regionProblemText } from '../../qlik/pure';
import { complianceLine } from '../../util/format';
import { connect, h } from '../shared/browser';
import '../shared/webview.css';
import { FromWebview, PAGE_STRINGS, type PageStringKey, type RegisterForm, type RegisteredProvider, ToWebview } from './messages';

type Field = HTMLElement & { value: string; invalid: boolean; disabled: boolean };
type Button = HTMLElement & { disabled: boolean };
type ErrorMessage = Extract<ToWebview, { type: 'error' }>;

let strings: Record<string, string> = {};
/** A page string in the language the extension sent, with {0}… filled in. */
function s(key: PageStringKey, ...args: string[]): string {
  return (strings[key] ?? PAGE_STRINGS[key]).replace(/\{(\d+)\}/g, (whole, i: string) => args[Number(i)] ?? whole);
}

const app = document.getElementById('app') as HTMLElement;
let tenantLabel = '';
let tenantRegion: string | undefined;
let busy = false;
const touched = { arn: false, name: false };

const arnField = h('vscode-textfield', {
  id: 'arn',
  placeholder: 'arn:aws:kms:eu-west-1:111122223333:key/mrk-…',
  'aria-describedby': 'arn-problems',
}) as Field;
const nameField = h('vscode-textfield', { id: 'name', placeholder: 'Production CMK' }) as Field;
const descriptionField = h('vscode-textarea', { id: 'description', rows: 3 }) as Field;
const arnProblems = h('div', { id: 'arn-problems', role: 'status' });
const arnFacts = h('dl', { class: 'facts', id: 'arn-facts', hidden: true });
const arnWarning = h('div', { id: 'arn-warning' });
const nameProblem = h('div', { id: 'name-problem', role: 'status' });
const descriptionProblem = h('div', { id: 'description-problem', role: 'status' });
const submit = h('vscode-button', { id: 'submit', disabled: true }) as Button;
const serverError = h('div', { id: 'server-error', role: 'alert' });
const formView = h('section', { id: 'form', hidden: true });
const registeredView = h('section', { id: 'registered', hidden: true });
const validation = h('div', { id: 'validation', role: 'status' });
const title = h('h1');
const lead = h('p', { class: 'lead' });
app.append(title, lead, formView, registeredView);

/** Labels and hints, once the strings are known (the first `init`). */
function buildForm(): void {
  formView.replaceChildren(
    h(
      'div',
      { class: 'field' },
      h('vscode-label', { for: 'arn', required: true }, s('arnLabel')),
      arnField,
      h('span', { class: 'hint' }, s('arnHint')),
      arnProblems,
      arnFacts,
      arnWarning,
    ),
    h('div', { class: 'field' }, h('vscode-label', { for: 'name', required: true }, s('nameLabel')), nameField, nameProblem),
    h('div', { class: 'field' }, h('vscode-label', { for: 'description' }, s('descriptionLabel')), descriptionField, descriptionProblem),
    serverError,
    h('div', { class: 'actions' }, submit),
  );
  submit.textContent = s('submit');
}

const connection = connect<ToWebview, FromWebview, { form: RegisterForm }>({
  fromExtension: ToWebview,
  toExtension: FromWebview,
  onMessage,
});

function form(): RegisterForm {
  return { arn: arnField.value ?? '', name: nameField.value ?? '', description: descriptionField.value ?? '' };
}

function message(
  kind: 'error' | 'warning' | 'info' | 'success',
  titleText: string | undefined,
  ...body: Array<Node | string | undefined>
): HTMLElement {
  return h(
    'div',
    { class: `message ${kind}` },
    h('div', { class: 'body' }, titleText ? h('div', { class: 'title' }, titleText) : undefined, ...body),
  );
}

function facts(id: string | undefined, rows: Array<[string, string]>): HTMLElement {
  return h('dl', { class: 'facts', id }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
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
    const rows: Array<[string, string]> = [
      [s('region'), v.region],
      [s('account'), v.account],
      [s('keyId'), v.keyId],
      [s('multiRegion'), v.multiRegion ? s('yes') : s('no')],
    ];
    if (v.partition !== 'aws') rows.unshift([s('partition'), v.partition]);
    arnFacts.append(...Array.from(facts(undefined, rows).childNodes));
    arnFacts.hidden = false;
    for (const w of parsed.warnings) arnWarning.append(message('warning', undefined, w));
    for (const p of regionProblems({ region: v.region, multiRegion: v.multiRegion }, tenantRegion))
      arnWarning.append(message('warning', undefined, regionProblemText(p)));
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
    const link = h('button', { class: 'link', id: 'show-existing', type: 'button' }, s('showExisting', error.existing.name));
    link.addEventListener('click', () => connection.post({ type: 'showExisting' }));
    body.push(h('div', {}, link));
  }
  if (error.detail) body.push(h('div', { class: 'hint' }, error.detail));
  if (error.retry && registeredView.hidden) {
    const retry = h('vscode-button', { id: 'retry', secondary: true }, s('tryAgain')) as Button;
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
  title.textContent = s('registeredTitle');
  const rows: Array<[string, string]> = [
    [s('nameLabel'), p.name],
    [s('arn'), p.arn],
    [s('fingerprint'), p.fingerprint],
    [s('multiRegion'), p.multiRegion === undefined ? s('unknown') : p.multiRegion ? s('yes') : s('no')],
    [s('replicas'), p.replicas.length ? p.replicas.map((r) => `${r.region ?? '?'} (${r.arn})`).join(', ') : s('none')],
  ];
  if (p.description) rows.splice(1, 0, [s('descriptionLabel'), p.description]);
  const validate = h('vscode-button', { id: 'validate-now' }, s('validateNow')) as Button;
  const migrate = h('vscode-button', { id: 'migrate-now', secondary: true }, s('migrateNow')) as Button;
  const another = h('button', { class: 'link', id: 'register-another', type: 'button' }, s('registerAnother'));
  validate.addEventListener('click', () => connection.post({ type: 'validateNow' }));
  migrate.addEventListener('click', () => connection.post({ type: 'migrateNow' }));
  another.addEventListener('click', () => connection.post({ type: 'registerAnother' }));
  registeredView.replaceChildren(
    message('success', s('registeredOn', p.name, tenantLabel), s('validateFirst')),
    p.multiRegion === false ? message('warning', undefined, s('singleRegion')) : '',
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
  title.textContent = s('title');
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
      if (m.strings) strings = m.strings;
      buildForm();
      lead.textContent = s('lead', m.tenantLabel, m.tenantOrigin);
      restoreForm(m.form ?? connection.state()?.form);
      break;
    case 'busy':
      busy = m.busy;
      submit.disabled = busy || !check();
      submit.textContent = busy && m.what === 'register' ? s('submitting') : s('submit');
      for (const id of ['validate-now', 'migrate-now']) {
        const b = document.getElementById(id) as Button | null;
        if (b) b.disabled = busy;
      }
      if (busy && m.what === 'validate') validation.replaceChildren(message('info', undefined, s('validating')));
      break;
    case 'error':
      showError(m);
      break;
    case 'registered':
      showRegistered(m.provider);
      break;
    case 'validated':
      validation.replaceChildren(
        message(
          m.ok ? 'success' : 'warning',
          m.ok ? s('validated') : s('complianceProblem'),
          m.message,
          ...m.problems.map((p) => h('div', {}, complianceLine(p))),
        ),
      );
      break;
    case 'notice':
      validation.replaceChildren(message('info', undefined, m.message));
      break;
  }
}
