import * as vscode from 'vscode';
import { errorField, type KeyProvider, mergeKeyProvider, QlikApiError } from '../../qlik';
import { checkText, explainCompliance, MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, parseKmsKeyArn, preflightKey } from '../../qlik/pure';
import type { TenantRecord } from '../../tenants/tenantStore';
import { complianceProblemsOf } from '../../util/format';
import { prompts } from '../../util/prompts';
import { BasePanel } from '../shared/basePanel';
import { describePanelProblem, type PanelProblem } from '../shared/problem';
import type { RegisterKeyProviderDeps } from './deps';
import { FromWebview, type RegisterForm, registeredProviderView, ToWebview } from './messages';

type ErrorMessage = Extract<ToWebview, { type: 'error' }>;

/** What an AWS key policy must allow for Qlik Cloud (shown on 403). */
export function keyPolicyNeeds(): string[] {
  return [
    vscode.l10n.t('Principal: the AWS account Qlik Cloud uses for your tenant’s region (see Qlik’s “bring your own key” help).'),
    vscode.l10n.t('Actions: kms:DescribeKey, kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*.'),
    vscode.l10n.t('On the key itself and on its replica in the tenant’s disaster-recovery region.'),
  ];
}

/**
 * "Register AWS KMS Key": one panel per tenant. The page validates as the person types; this side checks again,
 * registers once per click (a second click while busy is ignored), and answers with the provider or the error.
 */
export class RegisterKeyProviderPanel extends BasePanel<FromWebview, ToWebview> {
  private form: RegisterForm | undefined;
  private registered: KeyProvider | undefined;
  private lastError: ErrorMessage | undefined;
  private existing: KeyProvider | undefined;
  private busy = false;

  /** The tenant's panel: the open one, revealed, or a new one. */
  static show(deps: RegisterKeyProviderDeps, tenant: TenantRecord): RegisterKeyProviderPanel {
    return deps.tracker.showOne(
      `qlikCloud.registerKeyProvider ${tenant.origin}`,
      (p) => p instanceof RegisterKeyProviderPanel,
      () => new RegisterKeyProviderPanel(deps, tenant),
    );
  }

  private constructor(
    private readonly deps: RegisterKeyProviderDeps,
    readonly tenant: TenantRecord,
  ) {
    super({
      viewType: 'qlikCloud.registerKeyProvider',
      title: vscode.l10n.t('Register AWS KMS Key · {0}', tenant.label),
      script: 'registerKeyProvider',
      extensionUri: deps.extensionUri,
      log: deps.log,
      tracker: deps.tracker,
      fromWebview: FromWebview,
      toWebview: ToWebview,
    });
    // The tenant went away: nothing left to register to.
    this._register(
      deps.onDidChangeTenants(() => {
        if (!deps.tenant(tenant.origin)) this.dispose();
      }),
    );
  }

  protected override onReady(): void {
    this.post(this.init(this.form));
    if (this.registered) this.post({ type: 'registered', provider: registeredProviderView(this.registered) });
    else if (this.lastError) this.post(this.lastError);
  }

  protected override async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'register':
        return this.register(message.form);
      case 'validateNow':
        return this.validate();
      case 'migrateNow':
        return this.migrate();
      case 'showExisting':
        return this.showExisting();
      case 'registerAnother':
        this.registered = undefined;
        this.lastError = undefined;
        this.form = undefined;
        this.post(this.init({ arn: '', name: '', description: '' }));
        return;
    }
  }

  private async register(form: RegisterForm): Promise<void> {
    if (this.busy || this.registered) return;
    this.form = form;
    this.lastError = undefined;
    // The page checked already; a page is not trusted to have done so.
    const parsed = parseKmsKeyArn(form.arn);
    const problem = !parsed.ok
      ? parsed.error
      : (checkText('name', form.name, { required: true, max: MAX_NAME_LENGTH }) ??
        checkText('description', form.description, { required: false, max: MAX_DESCRIPTION_LENGTH }));
    if (problem) {
      this.fail({ type: 'error', kind: 'input', title: vscode.l10n.t('Check the form'), message: problem, retry: false });
      return;
    }
    // What the service would refuse for this tenant (a key outside its region) is not sent either.
    const blocking = preflightKey(form.arn, { tenantRegion: this.region() }).findings.filter((f) => f.level === 'blocking');
    if (blocking.length > 0) {
      const message = blocking.map((f) => f.text).join(' ');
      this.fail({ type: 'error', kind: 'input', title: vscode.l10n.t('Not sent'), message, field: 'arn', retry: false });
      return;
    }
    this.setBusy(true, 'register');
    try {
      const provider = await this.deps.register(this.tenant.origin, {
        arn: form.arn.trim(),
        name: form.name.trim(),
        description: form.description || undefined,
      });
      this.registered = provider;
      this.deps.log.info('encryption', `registered ${provider.name} on ${this.tenant.label}`);
      this.post({ type: 'registered', provider: registeredProviderView(provider) });
    } catch (error) {
      this.deps.log.error('encryption', `registering a key on ${this.tenant.label} failed`, error);
      this.fail(await this.errorFor(error, form));
    } finally {
      this.setBusy(false, 'register');
    }
  }

  private async validate(): Promise<void> {
    if (!this.registered || this.busy) return;
    let provider = this.registered;
    this.setBusy(true, 'validate');
    try {
      provider = await this.located(provider);
      const tested = await this.deps.validate(this.tenant.origin, provider);
      this.registered = mergeKeyProvider(provider, tested);
      const problems = complianceProblemsOf(tested);
      const key = {
        region: this.registered.region,
        multiRegion: this.registered.multiRegion,
        replicaRegions: this.registered.replicaKeys.map((r) => r.region),
      };
      this.post({
        type: 'validated',
        ok: !tested.hasComplianceProblem,
        message: tested.hasComplianceProblem
          ? vscode.l10n.t('Qlik Cloud reports a compliance problem with {0}. What it said, and what to change in AWS:', tested.name)
          : vscode.l10n.t('Qlik Cloud can use {0}: the key passed validation.', tested.name),
        problems,
        advice: problems.map((p) => explainCompliance(p, key, this.region())),
      });
    } catch (error) {
      this.deps.log.error('encryption', `validating ${provider.name} failed`, error);
      this.post(this.errorMessage(error, vscode.l10n.t('Validation failed')));
    } finally {
      this.setBusy(false, 'validate');
    }
  }

  private async migrate(): Promise<void> {
    const registered = this.registered && (await this.located(this.registered));
    if (!registered) return;
    await this.deps.migrate(this.tenant.origin, registered);
    if (this.deps.isMigrating(this.tenant.origin)) {
      this.post({
        type: 'notice',
        message: vscode.l10n.t('A migration is running on {0}: its progress shows in the status bar.', this.tenant.label),
      });
    }
  }

  private async showExisting(): Promise<void> {
    const existing = this.existing;
    if (!existing || (await this.deps.showInTree(this.tenant.origin, existing))) return;
    void prompts().notify(
      'warning',
      vscode.l10n.t(
        '{0} is not among the key providers of {1} any more: it may have been deleted meanwhile.',
        existing.name || existing.arn,
        this.tenant.label,
      ),
    );
  }

  /** The registered provider with its fingerprint: when the answer had none, found by ARN in the list. */
  private async located(provider: KeyProvider): Promise<KeyProvider> {
    if (provider.fingerprint) return provider;
    const listed = (await this.deps.listProviders(this.tenant.origin)).find((p) => p.arn === provider.arn && p.fingerprint);
    if (!listed) return provider;
    this.registered = mergeKeyProvider(listed, provider);
    return this.registered;
  }

  /** The tenant's AWS region, as the sign-in recorded it. */
  private region(): string | undefined {
    return this.deps.tenant(this.tenant.origin)?.awsRegion ?? this.tenant.awsRegion;
  }

  private init(form: RegisterForm | undefined): ToWebview {
    const region = this.region();
    return {
      type: 'init',
      tenantLabel: this.tenant.label,
      tenantOrigin: this.tenant.origin,
      ...(region ? { tenantRegion: region } : {}),
      registeredArns: this.deps.knownArns(this.tenant.origin),
      form,
    };
  }

  private setBusy(busy: boolean, what: 'register' | 'validate'): void {
    this.busy = busy;
    this.post({ type: 'busy', busy, what });
  }

  private fail(error: ErrorMessage): void {
    this.lastError = error;
    this.post(error);
  }

  private async errorFor(error: unknown, form: RegisterForm): Promise<ErrorMessage> {
    const problem = describePanelProblem(error);
    const message = {
      ...this.errorMessage(error, vscode.l10n.t('The key was not registered'), problem),
      ...registerRefusal(problem, error),
    };
    if (message.kind !== 'conflict') return message;
    const arn = form.arn.trim();
    this.existing = (await this.deps.listProviders(this.tenant.origin).catch(() => [])).find((p) => p.arn === arn);
    if (!this.existing) return message;
    return {
      ...message,
      message: vscode.l10n.t('This key is already registered on {0} as “{1}”.', this.tenant.label, this.existing.name),
      existing: { name: this.existing.name },
    };
  }

  private errorMessage(error: unknown, title: string, problem = describePanelProblem(error)): ErrorMessage {
    const base = { type: 'error' as const, title, message: problem.sentence, retry: problem.retryable };
    if (problem.source !== 'service') {
      return { ...base, kind: problem.source === 'input' ? 'input' : problem.source === 'request' ? 'timeout' : 'other' };
    }
    const field = error instanceof QlikApiError ? errorField(error, ['arn', 'name', 'description'] as const) : undefined;
    return { ...base, kind: 'other', ...(problem.technical ? { detail: problem.technical } : {}), ...(field ? { field } : {}) };
  }
}

/** The refusals of a registration that Qlik Cloud documents, each with its own title: the one place they follow the status. */
function registerRefusal(problem: PanelProblem, error: unknown): Pick<ErrorMessage, 'kind' | 'title' | 'policy'> | undefined {
  if (problem.source !== 'service') return undefined;
  switch (problem.status) {
    case 409:
      return { kind: 'conflict', title: vscode.l10n.t('Already registered') };
    case 417:
      return { kind: 'badArn', title: vscode.l10n.t('Not a valid AWS KMS key ARN') };
    case 403:
      return error instanceof QlikApiError && error.forbiddenBy === 'role'
        ? { kind: 'other', title: vscode.l10n.t('You may not register keys on this tenant') }
        : { kind: 'policy', title: vscode.l10n.t('Qlik Cloud may not use this key'), policy: keyPolicyNeeds() };
    case 408:
      return { kind: 'timeout', title: vscode.l10n.t('AWS KMS did not answer in time') };
    default:
      return undefined;
  }
}
