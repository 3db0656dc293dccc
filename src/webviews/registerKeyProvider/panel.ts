import * as vscode from 'vscode';
import type { CommandContext } from '../../commands/context';
import { validateKeyProvider } from '../../migration/validations';
import { errorField, isQlikError, type KeyProvider, mergeKeyProvider, QlikApiError, QlikInputError } from '../../qlik';
import { checkText, MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, parseKmsKeyArn } from '../../qlik/pure';
import type { TenantRecord } from '../../tenants/tenantStore';
import { KeyProviderNode } from '../../tree/keyProviderNode';
import { complianceProblemsOf } from '../../util/format';
import { prompts } from '../../util/prompts';
import { WebviewPanelBase } from '../shared/panel';
import { FromWebview, PAGE_STRINGS, type RegisterForm, registeredProviderView, ToWebview } from './messages';

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);
type ErrorMessage = Extract<ToWebview, { type: 'error' }>;

/** What an AWS key policy must allow for Qlik Cloud (shown on 403). */
export function keyPolicyNeeds(): string[] {
  return [
    t('Principal: the AWS account Qlik Cloud uses for your tenant’s region (see Qlik’s “bring your own key” help).'),
    t('Actions: kms:DescribeKey, kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*.'),
    t('On the key itself and on its replica in the tenant’s disaster-recovery region.'),
  ];
}

/**
 * "Register AWS KMS Key": one panel per tenant. The page validates as the person types; this side checks again,
 * registers once per click (a second click while busy is ignored), and answers with the provider or the error.
 */
export class RegisterKeyProviderPanel extends WebviewPanelBase<FromWebview, ToWebview> {
  private static readonly open = new Map<string, RegisterKeyProviderPanel>();
  private form: RegisterForm | undefined;
  private registered: KeyProvider | undefined;
  private lastError: ErrorMessage | undefined;
  private existing: KeyProvider | undefined;
  private busy = false;
  /** The tree node the 409 link revealed (the integration tests read it). */
  revealedNodeId: string | undefined;

  static show(ctx: CommandContext, tenant: TenantRecord): RegisterKeyProviderPanel {
    const existing = RegisterKeyProviderPanel.open.get(tenant.origin);
    if (existing && !existing.isDisposed) {
      existing.reveal();
      return existing;
    }
    const panel = new RegisterKeyProviderPanel(ctx, tenant);
    RegisterKeyProviderPanel.open.set(tenant.origin, panel);
    panel.onDidDispose(() => {
      if (RegisterKeyProviderPanel.open.get(tenant.origin) === panel) RegisterKeyProviderPanel.open.delete(tenant.origin);
    });
    return panel;
  }

  /** The open panels (test API). */
  static panels(): RegisterKeyProviderPanel[] {
    return [...RegisterKeyProviderPanel.open.values()];
  }

  private constructor(
    private readonly ctx: CommandContext,
    readonly tenant: TenantRecord,
  ) {
    super({
      viewType: 'qlikCloud.registerKeyProvider',
      title: t('Register AWS KMS Key · {0}', tenant.label),
      script: 'registerKeyProvider',
      extensionUri: ctx.extension.extensionUri,
      log: ctx.log,
      fromWebview: FromWebview,
      toWebview: ToWebview,
    });
    // The tenant went away: nothing left to register to.
    this._register(
      ctx.store.onDidChange(() => {
        if (!ctx.store.get(tenant.origin)) this.dispose();
      }),
    );
  }

  protected override onReady(): void {
    this.post(this.init(this.form));
    if (this.registered) this.post({ type: 'registered', provider: this.describe(this.registered) });
    else if (this.lastError) this.post(this.lastError);
  }

  protected override async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'register':
        return this.register(message.form);
      case 'validateNow':
        return this.validate();
      case 'migrateNow': {
        const registered = this.registered && (await this.located(this.registered));
        if (registered) {
          await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', {
            origin: this.tenant.origin,
            fingerprint: registered.fingerprint ?? '',
            arn: registered.arn,
          });
          if (this.ctx.migrations.isWatching(this.tenant.origin)) {
            this.post({
              type: 'notice',
              message: t('A migration is running on {0}: its progress shows in the status bar.', this.tenant.label),
            });
          }
        }
        return;
      }
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
      this.fail({ type: 'error', kind: 'input', title: t('Check the form'), message: problem, retry: false });
      return;
    }
    this.setBusy(true, 'register');
    try {
      const client = await this.ctx.pool.get(this.tenant.origin);
      const provider = await client.encryption.register({
        arn: form.arn.trim(),
        name: form.name.trim(),
        description: form.description || undefined,
      });
      this.registered = provider;
      this.ctx.log.info('encryption', `registered ${provider.name} on ${this.tenant.label}`);
      this.ctx.tree.tenantNode(this.tenant.origin)?.encryption.refresh();
      this.post({ type: 'registered', provider: this.describe(provider) });
    } catch (error) {
      this.ctx.log.error('encryption', `registering a key on ${this.tenant.label} failed`, error);
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
      const tested = await validateKeyProvider(this.ctx, this.tenant, provider);
      this.registered = mergeKeyProvider(provider, tested);
      this.post({
        type: 'validated',
        ok: !tested.hasComplianceProblem,
        message: tested.hasComplianceProblem
          ? t('Qlik Cloud reports a compliance problem with {0}: fix the key policy, then validate again.', tested.name)
          : t('Qlik Cloud can use {0}: the key passed validation.', tested.name),
        problems: complianceProblemsOf(tested),
      });
    } catch (error) {
      this.ctx.log.error('encryption', `validating ${provider.name} failed`, error);
      this.post(this.errorMessage(error, t('Validation failed')));
    } finally {
      this.setBusy(false, 'validate');
    }
  }

  private async showExisting(): Promise<void> {
    const existing = this.existing;
    if (!existing) return;
    const group = this.ctx.tree.tenantNode(this.tenant.origin)?.encryption;
    if (!group) return;
    const find = async () =>
      (await group.getChildren()).find((n): n is KeyProviderNode => n instanceof KeyProviderNode && n.provider.arn === existing.arn);
    let node = await find();
    if (!node) {
      // Registered elsewhere (another window, the console, the API) after the tree loaded: load it again.
      group.refresh();
      node = await find();
    }
    if (!node) {
      void prompts().notify(
        'warning',
        t(
          '{0} is not among the key providers of {1} any more: it may have been deleted meanwhile.',
          existing.name || existing.arn,
          this.tenant.label,
        ),
      );
      return;
    }
    this.revealedNodeId = node.id;
    try {
      if (!this.ctx.view) throw new Error('no tree view');
      await this.ctx.view.reveal(node, { select: true, focus: true, expand: false });
    } catch {
      await vscode.commands.executeCommand('qlikCloud.showDetails', node);
    }
  }

  /** The registered provider with its fingerprint: when the answer had none, found by ARN in the list. */
  private async located(provider: KeyProvider): Promise<KeyProvider> {
    if (provider.fingerprint) return provider;
    const client = await this.ctx.pool.get(this.tenant.origin);
    const listed = (await client.encryption.listAll()).find((p) => p.arn === provider.arn && p.fingerprint);
    if (!listed) return provider;
    this.registered = mergeKeyProvider(listed, provider);
    return this.registered;
  }

  private init(form: RegisterForm | undefined): ToWebview {
    // Placeholders stay for the page to fill: {0} is passed as its own value.
    const strings = Object.fromEntries(Object.entries(PAGE_STRINGS).map(([key, text]) => [key, vscode.l10n.t(text, '{0}', '{1}')]));
    const region = this.ctx.store.get(this.tenant.origin)?.awsRegion ?? this.tenant.awsRegion;
    return {
      type: 'init',
      tenantLabel: this.tenant.label,
      tenantOrigin: this.tenant.origin,
      ...(region ? { tenantRegion: region } : {}),
      form,
      strings,
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

  private describe(p: KeyProvider) {
    return registeredProviderView(p);
  }

  private async errorFor(error: unknown, form: RegisterForm): Promise<ErrorMessage> {
    if (error instanceof QlikApiError) {
      switch (error.status) {
        case 409: {
          const arn = form.arn.trim();
          const client = await this.ctx.pool.get(this.tenant.origin);
          this.existing = (await client.encryption.listAll().catch(() => [])).find((p) => p.arn === arn);
          return {
            ...this.errorMessage(error, t('Already registered')),
            kind: 'conflict',
            message: this.existing
              ? t('This key is already registered on {0} as “{1}”.', this.tenant.label, this.existing.name)
              : error.userMessage,
            existing: this.existing ? { name: this.existing.name } : undefined,
          };
        }
        case 417:
          return { ...this.errorMessage(error, t('Not a valid AWS KMS key ARN')), kind: 'badArn' };
        case 403:
          if (error.forbiddenBy === 'role') return this.errorMessage(error, t('You may not register keys on this tenant'));
          return { ...this.errorMessage(error, t('Qlik Cloud may not use this key')), kind: 'policy', policy: keyPolicyNeeds() };
        case 408:
          return { ...this.errorMessage(error, t('AWS KMS did not answer in time')), kind: 'timeout', retry: true };
      }
    }
    return this.errorMessage(error, t('The key was not registered'));
  }

  private errorMessage(error: unknown, title: string): ErrorMessage {
    if (error instanceof QlikApiError) {
      const said = [error.title, error.detail].filter(Boolean).join(': ');
      const status = [`HTTP ${error.status}`, error.code].filter(Boolean).join(' ');
      const field = errorField(error, ['arn', 'name', 'description'] as const);
      return {
        type: 'error',
        kind: 'other',
        title,
        message: error.userMessage,
        detail: said ? t('Qlik Cloud said: {0} ({1})', said, status) : status,
        ...(field ? { field } : {}),
        retry: error.status === 408 || error.status === 429 || error.status >= 500,
      };
    }
    if (error instanceof QlikInputError) return { type: 'error', kind: 'input', title, message: error.userMessage, retry: false };
    if (isQlikError(error)) return { type: 'error', kind: 'timeout', title, message: error.userMessage, retry: true };
    return { type: 'error', kind: 'other', title, message: error instanceof Error ? error.message : String(error), retry: true };
  }
}
