// The ten endpoints of the Encryption API.
import * as l10n from '@vscode/l10n';
import { parseKmsKeyArn } from './arn';
import { QlikInputError } from './errors';
import type { HttpCore } from './http';
import { keyProviderPatch, checkText, MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH } from './jsonPatch';
import { type KeyProvider, type Migration, type ResetResult, toKeyProvider, toMigration } from './model';
import { KeyProviderListSchema, KeyProviderSchema, MessageSchema, MigrationSchema } from './schemas';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface RegisterKeyProviderInput {
  arn: string;
  name: string;
  description?: string;
}

const BASE = '/api/v1/encryption/keyproviders';

function fp(fingerprint: string): string {
  if (typeof fingerprint !== 'string' || fingerprint.trim() === '')
    throw new QlikInputError(l10n.t('The key provider has no fingerprint.'));
  return `${BASE}/${encodeURIComponent(fingerprint)}`;
}

/** An answer about the provider at `/keyproviders/{fingerprint}` is about that fingerprint, said or not. */
function withFingerprint(p: KeyProvider, fingerprint: string): KeyProvider {
  return p.fingerprint ? p : { ...p, fingerprint };
}

export class EncryptionApi {
  constructor(private readonly http: HttpCore) {}

  /** AWS key providers only (`GET /keyproviders`). */
  async listAwsProviders(o: CallOptions = {}): Promise<KeyProvider[]> {
    const body = await this.http.read(KeyProviderListSchema, { endpoint: 'encryption.listAwsProviders', url: BASE, signal: o.signal });
    return body.map(toKeyProvider);
  }

  /** Every key provider, the Qlik-managed default included (`GET /keyproviders/actions/list`). */
  async listAll(o: CallOptions = {}): Promise<KeyProvider[]> {
    const body = await this.http.read(KeyProviderListSchema, {
      endpoint: 'encryption.listAll',
      url: `${BASE}/actions/list`,
      signal: o.signal,
    });
    return body.map(toKeyProvider);
  }

  async get(fingerprint: string, o: CallOptions = {}): Promise<KeyProvider> {
    const body = await this.http.read(KeyProviderSchema, { endpoint: 'encryption.get', url: fp(fingerprint), signal: o.signal });
    return withFingerprint(toKeyProvider(body), fingerprint);
  }

  /**
   * Registers an AWS KMS key. The ARN is checked first (`validateArn: false` leaves that to the service,
   * for ARNs this parser is stricter about than Qlik Cloud).
   */
  async register(input: RegisterKeyProviderInput, o: CallOptions & { validateArn?: boolean } = {}): Promise<KeyProvider> {
    const arn = typeof input.arn === 'string' ? input.arn.trim() : '';
    if (o.validateArn !== false) {
      const parsed = parseKmsKeyArn(arn);
      if (!parsed.ok) throw new QlikInputError(parsed.error, { endpoint: 'encryption.register' });
    } else if (arn === '') throw new QlikInputError(l10n.t('Enter the ARN of an AWS KMS key.'));
    const nameProblem = checkText('name', input.name, { required: true, max: MAX_NAME_LENGTH });
    if (nameProblem) throw new QlikInputError(nameProblem, { endpoint: 'encryption.register' });
    if (input.description !== undefined) {
      const p = checkText('description', input.description, { required: false, max: MAX_DESCRIPTION_LENGTH });
      if (p) throw new QlikInputError(p, { endpoint: 'encryption.register' });
    }
    const body = {
      arn,
      name: input.name.trim(),
      ...(input.description ? { description: input.description } : {}),
      keyprovider: 'AWS-KMS',
    };
    const answer = await this.http.read(KeyProviderSchema, { endpoint: 'encryption.register', url: BASE, body, signal: o.signal });
    const registered = toKeyProvider(answer);
    if (registered.fingerprint) return registered;
    // The documents make the fingerprint optional (their example leaves it out): the list has it, found by ARN.
    const listed = (await this.listAll(o).catch(() => [])).find((p) => p.arn === registered.arn && p.fingerprint);
    return listed ? { ...registered, fingerprint: listed.fingerprint } : registered;
  }

  /** Changes the name and/or the description (JSON Patch). */
  async patch(fingerprint: string, changes: { name?: string; description?: string }, o: CallOptions = {}): Promise<void> {
    const body = keyProviderPatch(changes);
    await this.http.call({ endpoint: 'encryption.patch', url: fp(fingerprint), body, signal: o.signal });
  }

  /** Not possible for the current provider (424) nor the Qlik default. The body, if any, is ignored. */
  async delete(fingerprint: string, o: CallOptions = {}): Promise<void> {
    // 204 with an empty body, {response}, {message} or both: nothing in it matters.
    await this.http.call({ endpoint: 'encryption.delete', url: fp(fingerprint), signal: o.signal });
  }

  /** Validates the key; the result carries any compliance problem. */
  async test(fingerprint: string, o: CallOptions = {}): Promise<KeyProvider> {
    const body = await this.http.read(KeyProviderSchema, {
      endpoint: 'encryption.test',
      url: `${fp(fingerprint)}/actions/test`,
      signal: o.signal,
    });
    return withFingerprint(toKeyProvider(body), fingerprint);
  }

  /**
   * Starts a migration to this key. Never re-sent after a 5xx, a timeout or a dropped connection (the service may
   * have started it); re-sent only where the service refused it without acting: after a 429 (once retry-after has
   * passed) and, signed in with OAuth, once after a 401 with a renewed token.
   */
  async migrate(fingerprint: string, o: CallOptions = {}): Promise<Migration> {
    const r = await this.http.call({ endpoint: 'encryption.migrate', url: `${fp(fingerprint)}/actions/migrate`, signal: o.signal });
    return toMigration(this.http.parse(MigrationSchema, { ...r, body: r.body ?? {} }, 'encryption.migrate'));
  }

  /** 200: the tenant already uses the Qlik-managed key; 205: a migration back to it started. */
  async resetToDefault(o: CallOptions = {}): Promise<ResetResult> {
    const r = await this.http.call({
      endpoint: 'encryption.resetToDefault',
      url: `${BASE}/actions/reset-to-default-provider`,
      signal: o.signal,
    });
    if (r.status === 205) {
      return {
        kind: 'migrationStarted',
        migration: toMigration(this.http.parse(MigrationSchema, { ...r, body: r.body ?? {} }, 'encryption.resetToDefault')),
      };
    }
    const m = this.http.parse(MessageSchema, { ...r, body: r.body ?? {} }, 'encryption.resetToDefault');
    return { kind: 'alreadyQlikManaged', message: m.message ?? undefined };
  }

  /** The running or last migration; undefined when none has run (404 is a normal state here). */
  async migrationDetails(o: CallOptions = {}): Promise<Migration | undefined> {
    const r = await this.http.call({
      endpoint: 'encryption.migrationDetails',
      url: `${BASE}/migration/actions/details`,
      accept: [404],
      signal: o.signal,
    });
    if (r.status === 404) return undefined;
    return toMigration(this.http.parse(MigrationSchema, r, 'encryption.migrationDetails'));
  }
}
