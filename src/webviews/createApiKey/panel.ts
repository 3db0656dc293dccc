import * as vscode from 'vscode';
import { type ApiKeyConfig, type CreatedApiKey, type CreateApiKeyInput, QlikApiError } from '../../qlik';
import { isScimIdpId, scimSubject } from '../../qlik/scim';
import { checkExpiryAgainstMaximum, personInWords } from '../../util/format';
import type { TenantRecord } from '../../tenants/tenantStore';
import type { Log } from '../../util/log';
import { prompts } from '../../util/prompts';
import { BasePanel } from '../shared/basePanel';
import { describePanelProblem } from '../shared/problem';
import type { PanelTracker } from '../shared/tracker';
import { inlineError } from './inlineError';
import { FromWebview, ToWebview } from './messages';

/** What the Create API Key panel needs of one tenant, and nothing more (the command passes these). */
export interface CreateApiKeyDeps {
  extensionUri: vscode.Uri;
  log: Log;
  tracker: PanelTracker;
  /** The tenant's API key settings (for the maximum expiry). */
  readSettings(): Promise<ApiKeyConfig>;
  /** Creates the key through the API keys service (which reloads the tenant's list). */
  createKey(input: CreateApiKeyInput): Promise<CreatedApiKey>;
  /** Copies the token; resolves with the seconds after which the clipboard is cleared (0: never). */
  copyToken(token: string): Promise<number>;
  /** The seconds after which a copied token is cleared from the clipboard (0: never). */
  clearSeconds(): number;
}

export interface HandedOver {
  /** The key that was created, if any (undefined when the form was closed without creating one). */
  keyId: string | undefined;
  copied: boolean;
}

/**
 * Create API Key: a form, then, on 201, the token view in the same panel: masked, Reveal and Copy, a warning that
 * Qlik Cloud never shows it again. The token lives only in this object while the panel is open (never in a log,
 * a setting, globalState, webview state or an error message) and is dropped when the panel closes.
 */
export class CreateApiKeyPanel extends BasePanel<FromWebview, ToWebview> {
  private token: string | undefined;
  private created: CreatedApiKey['key'] | undefined;
  private copied = false;
  private askedToDiscard = false;
  private creating = false;
  private maxExpiry: string | undefined;
  private scimExpiry: string | undefined;
  private formMessage: ToWebview | undefined;
  private settle!: (result: HandedOver) => void;
  /** Resolves when the panel is closed and the token (if any) was handed over or discarded. */
  readonly closed: Promise<HandedOver>;

  private constructor(
    private readonly deps: CreateApiKeyDeps,
    readonly tenant: TenantRecord,
    private readonly replaces: string | undefined,
    title: string,
  ) {
    super({
      viewType: 'qlikCloud.createApiKey',
      title,
      script: 'createApiKey',
      extensionUri: deps.extensionUri,
      log: deps.log,
      tracker: deps.tracker,
      fromWebview: FromWebview,
      toWebview: ToWebview,
    });
    this.closed = new Promise((resolve) => (this.settle = resolve));
    // Not _register'ed: the base disposes those before it fires onDidDispose.
    this.onDidDispose(() => void this.afterClose());
  }

  /** The form for a new key on this tenant. */
  static openForm(deps: CreateApiKeyDeps, tenant: TenantRecord): CreateApiKeyPanel {
    const panel = new CreateApiKeyPanel(deps, tenant, undefined, vscode.l10n.t('Create API Key · {0}', tenant.label));
    void panel.loadSettings();
    return panel;
  }

  /** The token view for a key created elsewhere (Rotate API Key). */
  static showToken(deps: CreateApiKeyDeps, tenant: TenantRecord, created: CreatedApiKey, replaces: string): CreateApiKeyPanel {
    const panel = new CreateApiKeyPanel(deps, tenant, replaces, vscode.l10n.t('New API Key · {0}', tenant.label));
    panel.accept(created);
    return panel;
  }

  get keyId(): string | undefined {
    return this.created?.id;
  }

  get hasToken(): boolean {
    return this.token !== undefined;
  }

  get tokenCopied(): boolean {
    return this.copied;
  }

  protected override onReady(): void {
    if (this.created) this.post(this.createdMessage());
    else if (this.formMessage) this.post(this.formMessage);
  }

  protected async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'create':
        return this.create(message);
      case 'reveal':
        if (this.token) {
          this.post({ type: 'revealed', token: this.token });
        }
        return;
      case 'copy':
        return this.copy();
      case 'close':
        if (this.token && !this.copied && !(await this.confirmDiscard())) return;
        this.dispose();
        return;
    }
  }

  /** Copy: through VS Code's clipboard, cleared later if it still holds the token. */
  async copy(): Promise<void> {
    if (!this.token) return;
    const seconds = await this.deps.copyToken(this.token);
    this.copied = true;
    this.deps.log.info(
      'apiKeys',
      `token of API key ${this.created?.id ?? ''} copied to the clipboard${seconds ? `, cleared in ${seconds} s` : ''}`,
    );
    this.post({ type: 'copied', clearSeconds: seconds });
  }

  private async loadSettings(): Promise<void> {
    const isAdmin = this.tenant.roles.includes('TenantAdmin');
    const base = { type: 'form' as const, tenantLabel: this.tenant.label, userName: this.tenant.user.name ?? this.tenant.user.id, isAdmin };
    try {
      const config = await this.deps.readSettings();
      this.maxExpiry = config.maxApiKeyExpiry;
      this.scimExpiry = config.scimExternalClientExpiry;
      this.formMessage = {
        ...base,
        ...(config.maxApiKeyExpiry ? { maxExpiry: config.maxApiKeyExpiry } : {}),
        ...(config.scimExternalClientExpiry ? { scimExpiry: config.scimExternalClientExpiry } : {}),
      };
    } catch (error) {
      this.deps.log.error('apiKeys', `reading the API key settings of ${this.tenant.label} failed`, error);
      this.formMessage = {
        ...base,
        configProblem: vscode.l10n.t(
          'The tenant maximum could not be read ({0}); Qlik Cloud checks the expiry when you create the key.',
          describePanelProblem(error).line,
        ),
      };
    }
    if (!this.isDisposed && !this.created) this.post(this.formMessage);
  }

  private async create(message: Extract<FromWebview, { type: 'create' }>): Promise<void> {
    if (this.created || this.creating) return;
    const scim = message.scimIdpId !== undefined;
    if (scim && !isScimIdpId(message.scimIdpId!.trim())) {
      return this.post({
        type: 'error',
        field: 'scim',
        message: vscode.l10n.t('The identity provider ID is required: letters, digits, "-" and "_" only.'),
      });
    }
    if (message.expiry !== undefined) {
      const problem = checkExpiryAgainstMaximum(message.expiry, scim ? this.scimExpiry : this.maxExpiry, vscode.env.language);
      if (problem) return this.post({ type: 'error', field: 'expiry', message: problem });
    }
    this.creating = true;
    this.post({ type: 'busy', busy: true });
    try {
      const created = await this.deps.createKey({
        description: message.description,
        ...(message.expiry !== undefined ? { expiry: message.expiry } : {}),
        ...(scim ? { subType: 'externalClient' as const, sub: scimSubject(message.scimIdpId!) } : {}),
      });
      this.deps.log.info(
        'apiKeys',
        `created API key ${created.key.id} on ${this.tenant.label}${scim ? ' (SCIM)' : ''}, expires ${created.key.expiry.text ?? ''}`,
      );
      this.accept(created);
    } catch (error) {
      this.deps.log.error('apiKeys', `creating an API key on ${this.tenant.label} failed`, error);
      const { field, message: text } = inlineError(error);
      // The tenant maximum may have changed since the form opened: show the current one.
      if (field === 'expiry') await this.loadSettings();
      this.post({ type: 'busy', busy: false });
      this.post({ type: 'error', field, message: text, ...(error instanceof QlikApiError ? { status: error.status } : {}) });
    } finally {
      this.creating = false;
    }
  }

  private accept(created: CreatedApiKey): void {
    this.token = created.token;
    this.created = created.key;
    this.post(this.createdMessage());
  }

  private createdMessage(): ToWebview {
    const key = this.created!;
    return {
      type: 'created',
      tenantLabel: this.tenant.label,
      key: {
        id: key.id,
        description: key.description,
        expiry: key.expiry.date?.toISOString() ?? key.expiry.text ?? '',
        sub: key.sub,
        ...(!key.isScim && key.sub === this.tenant.user.id && this.tenant.user.name
          ? { ownerName: personInWords(key.sub, { name: this.tenant.user.name, email: this.tenant.user.email }) }
          : {}),
        scim: key.isScim,
      },
      tokenLength: this.token?.length ?? 0,
      clearSeconds: this.deps.clearSeconds(),
      ...(this.replaces ? { replaces: this.replaces } : {}),
      copied: this.copied,
    };
  }

  /** "Discard the token?" once; true when the person lets it go. */
  private async confirmDiscard(): Promise<boolean> {
    if (this.askedToDiscard) return true;
    this.askedToDiscard = true;
    const discard = vscode.l10n.t('Discard Token');
    const copy = vscode.l10n.t('Copy Token');
    const choice = await prompts().confirm(
      vscode.l10n.t('The token of API key "{0}" was not copied. Discard it?', this.created?.description ?? ''),
      vscode.l10n.t('Qlik Cloud shows a token only once: once discarded, nobody can see it again and the key has to be replaced.'),
      discard,
      copy,
    );
    if (choice === copy) {
      await this.copy();
      return true;
    }
    return choice === discard;
  }

  private async afterClose(): Promise<void> {
    try {
      if (this.token && !this.copied && !this.askedToDiscard) {
        // The tab was closed without copying: one chance to keep the token.
        if (!(await this.confirmDiscard())) {
          const again = CreateApiKeyPanel.showToken(this.deps, this.tenant, tokenHolder(this.created!, this.token), this.replaces ?? '');
          again.askedToDiscard = true;
          this.drop();
          again.closed.then(this.settle, this.settle);
          return;
        }
      }
    } catch (error) {
      this.deps.log.error('apiKeys', 'asking about the uncopied token failed', error);
    }
    this.drop();
    this.settle({ keyId: this.created?.id, copied: this.copied });
  }

  private drop(): void {
    this.token = undefined;
  }
}

function tokenHolder(key: CreatedApiKey['key'], token: string): CreatedApiKey {
  const result = { key } as CreatedApiKey;
  Object.defineProperty(result, 'token', { value: token, enumerable: false });
  return result;
}
