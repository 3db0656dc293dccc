import * as vscode from 'vscode';
import { clipboardClearSeconds, type TokenClipboard } from '../../apiKeys/tokenClipboard';
import { type CreatedApiKey, errorField, isScimIdpId, QlikApiError, QlikInputError, type QlikClient, scimSubject } from '../../qlik';
import { checkExpiryAgainstMaximum } from '../../util/format';
import type { TenantRecord } from '../../tenants/tenantStore';
import { errorLine } from '../../util/problem';
import type { Log } from '../../util/log';
import { prompts } from '../../util/prompts';
import { WebviewPanelBase } from '../shared/panel';
import { type ErrorField, FromWebview, ToWebview } from './messages';

const t = vscode.l10n.t;

export interface CreateApiKeyDeps {
  extensionUri: vscode.Uri;
  log: Log;
  clipboard: TokenClipboard;
  client: () => Promise<QlikClient>;
  /** Called after a key was created (the tree reloads its API keys). */
  onCreated: (tenant: TenantRecord) => void;
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
export class CreateApiKeyPanel extends WebviewPanelBase<FromWebview, ToWebview> {
  /** Open panels (the integration tests act on them through the test API). */
  static readonly open = new Set<CreateApiKeyPanel>();

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
      fromWebview: FromWebview,
      toWebview: ToWebview,
    });
    this.closed = new Promise((resolve) => (this.settle = resolve));
    CreateApiKeyPanel.open.add(this);
    // Not _register'ed: the base disposes those before it fires onDidDispose.
    this.onDidDispose(() => void this.afterClose());
  }

  /** The form for a new key on this tenant. */
  static openForm(deps: CreateApiKeyDeps, tenant: TenantRecord): CreateApiKeyPanel {
    const panel = new CreateApiKeyPanel(deps, tenant, undefined, t('Create API Key · {0}', tenant.label));
    void panel.loadSettings();
    return panel;
  }

  /** The token view for a key created elsewhere (Rotate API Key). */
  static showToken(deps: CreateApiKeyDeps, tenant: TenantRecord, created: CreatedApiKey, replaces: string): CreateApiKeyPanel {
    const panel = new CreateApiKeyPanel(deps, tenant, replaces, t('New API Key · {0}', tenant.label));
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
          this.scrub();
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
    const seconds = await this.deps.clipboard.copy(this.token);
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
      const config = await (await this.deps.client()).apiKeys.getConfig(this.tenant.tenantId);
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
        configProblem: t(
          'The tenant maximum could not be read ({0}); Qlik Cloud checks the expiry when you create the key.',
          errorLine(error),
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
        message: t('The identity provider ID is required: letters, digits, "-" and "_" only.'),
      });
    }
    if (message.expiry !== undefined) {
      const problem = checkExpiryAgainstMaximum(message.expiry, scim ? this.scimExpiry : this.maxExpiry, vscode.env.language);
      if (problem) return this.post({ type: 'error', field: 'expiry', message: problem });
    }
    this.creating = true;
    this.post({ type: 'busy', busy: true });
    try {
      const client = await this.deps.client();
      const created = await client.apiKeys.create({
        description: message.description,
        ...(message.expiry !== undefined ? { expiry: message.expiry } : {}),
        ...(scim ? { subType: 'externalClient' as const, sub: scimSubject(message.scimIdpId!) } : {}),
      });
      this.deps.log.info(
        'apiKeys',
        `created API key ${created.key.id} on ${this.tenant.label}${scim ? ' (SCIM)' : ''}, expires ${created.key.expiry.text ?? ''}`,
      );
      this.accept(created);
      this.deps.onCreated(this.tenant);
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
        scim: key.isScim,
      },
      tokenLength: this.token?.length ?? 0,
      clearSeconds: clipboardClearSeconds(),
      ...(this.replaces ? { replaces: this.replaces } : {}),
      copied: this.copied,
    };
  }

  /** "Discard the token?" once; true when the person lets it go. */
  private async confirmDiscard(): Promise<boolean> {
    if (this.askedToDiscard) return true;
    this.askedToDiscard = true;
    const discard = t('Discard Token');
    const copy = t('Copy Token');
    const choice = await prompts().confirm(
      t('The token of API key "{0}" was not copied. Discard it?', this.created?.description ?? ''),
      t('Qlik Cloud shows a token only once: once discarded, nobody can see it again and the key has to be replaced.'),
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
    CreateApiKeyPanel.open.delete(this);
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
    this.scrub();
  }

  /** Removes what carried the token from the record of posted messages. */
  private scrub(): void {
    for (let i = this.sent.length - 1; i >= 0; i--) if (this.sent[i]!.type === 'revealed') this.sent.splice(i, 1);
  }
}

function tokenHolder(key: CreatedApiKey['key'], token: string): CreatedApiKey {
  const result = { key } as CreatedApiKey;
  Object.defineProperty(result, 'token', { value: token, enumerable: false });
  return result;
}

/** Where an error belongs in the form, and what to say there. */
export function inlineError(error: unknown): { field: ErrorField; message: string } {
  if (error instanceof QlikInputError) {
    const m = error.userMessage;
    return { field: /description/i.test(m) ? 'description' : /duration|expiry/i.test(m) ? 'expiry' : 'general', message: m };
  }
  if (error instanceof QlikApiError && error.status === 400) {
    const said = [error.title, error.detail].filter(Boolean).join(': ');
    const suffix = ` ${t('Qlik Cloud said: {0}', said)} (HTTP 400${error.code ? ` ${error.code}` : ''})`;
    if (/maximum number|too many|max_keys/i.test(said)) {
      return {
        field: 'general',
        message:
          t(
            'You have reached the maximum number of active API keys on this tenant: delete or revoke one of yours first, or ask a TenantAdmin to raise the limit.',
          ) + suffix,
      };
    }
    // The field the service names in `source` wins; the wording of its title is the fallback.
    const named = errorField(error, ['expiry', 'description', 'sub', 'subType'] as const);
    if (named === 'expiry') {
      return {
        field: 'expiry',
        message:
          (/exceed|maximum|longer/i.test(said)
            ? t('The expiry is longer than this tenant allows now.')
            : t('Qlik Cloud refused this expiry.')) + suffix,
      };
    }
    if (named === 'description') {
      return {
        field: 'description',
        message:
          (/required|missing|empty/i.test(said) ? t('The description is required.') : t('Qlik Cloud refused this description.')) + suffix,
      };
    }
    if (named) return { field: 'scim', message: t('Qlik Cloud refused the SCIM subject.') + suffix };
    if (/expiry/i.test(said)) return { field: 'expiry', message: t('The expiry is longer than this tenant allows now.') + suffix };
    if (/description/i.test(said)) return { field: 'description', message: t('The description is required.') + suffix };
    if (/\bsub(Type)?\b|SCIM/i.test(said)) return { field: 'scim', message: t('Qlik Cloud refused the SCIM subject.') + suffix };
  }
  return { field: 'general', message: errorLine(error) };
}
