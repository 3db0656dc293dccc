import * as os from 'node:os';
import * as path from 'node:path';
import type * as Yaml from 'yaml';
import * as l10n from '@vscode/l10n';

/**
 * `yaml` is loaded the first time a contexts.yml is read, not at activation: only Import Tenants from qlik-cli
 * needs it. The production build keeps it in dist/vendor/yaml.js (see esbuild.mjs).
 */
function parseYaml(text: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('yaml') as typeof Yaml & { default?: typeof Yaml };
  return (mod.default ?? mod).parse(text);
}

/** qlik-cli's contexts.yml: in QLIK_CLI_USER_HOME_DIR when set, else in ~/.qlik. */
export function contextsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.QLIK_CLI_USER_HOME_DIR?.trim() || path.join(os.homedir(), '.qlik');
  return path.join(dir, 'contexts.yml');
}

/** One connection from qlik-cli's contexts.yml, as far as this extension can use it. */
export interface QlikCliContext {
  name: string;
  server: string;
  serverType: string;
  comment?: string;
  current: boolean;
  credentials:
    { kind: 'apiKey'; apiKey: string } | { kind: 'oauth'; clientId: string; clientSecret: string } | { kind: 'none'; reason: string };
}

export class ContextsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContextsFileError';
  }
}

type Dict = Record<string, unknown>;

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Looks a key up case-insensitively and ignoring '-' and '_' (qlik-cli's OAuth field names are not documented). */
function pick(dict: Dict, ...names: string[]): unknown {
  const wanted = new Set(names.map(fold));
  for (const [key, value] of Object.entries(dict)) {
    if (wanted.has(fold(key))) {
      return value;
    }
  }
  return undefined;
}

function fold(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

function credentialsOf(context: Dict): QlikCliContext['credentials'] {
  const headers = pick(context, 'headers');
  if (isDict(headers)) {
    const authorization = str(pick(headers, 'Authorization'));
    if (authorization) {
      const match = /^Bearer\s+(.+)$/i.exec(authorization);
      if (match) {
        return { kind: 'apiKey', apiKey: match[1].trim() };
      }
      return { kind: 'none', reason: l10n.t('its Authorization header is not a Bearer token') };
    }
  }
  const oauth = pick(context, 'oauth');
  const source = isDict(oauth) ? oauth : context;
  const clientId = str(pick(source, 'oauth-client-id', 'client-id', 'clientId'));
  const clientSecret = str(pick(source, 'oauth-client-secret', 'client-secret', 'clientSecret'));
  if (clientId && clientSecret) {
    return { kind: 'oauth', clientId, clientSecret };
  }
  if (clientId) {
    return { kind: 'none', reason: l10n.t('it has an OAuth client ID but no client secret') };
  }
  return { kind: 'none', reason: l10n.t('it has neither an API key nor an OAuth client') };
}

/**
 * Reads qlik-cli's contexts.yml text. Only cloud contexts are returned; the file is never written.
 * Throws ContextsFileError when the text is not YAML or has no `contexts` map.
 */
export function parseQlikCliContexts(text: string): QlikCliContext[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ContextsFileError(l10n.t('contexts.yml is not valid YAML: {0}', reason));
  }
  if (doc === null || doc === undefined) {
    return [];
  }
  if (!isDict(doc)) {
    throw new ContextsFileError(l10n.t('contexts.yml does not hold a map of settings.'));
  }
  const contexts = pick(doc, 'contexts');
  if (contexts === undefined || contexts === null) {
    return [];
  }
  if (!isDict(contexts)) {
    throw new ContextsFileError(l10n.t('The "contexts" entry of contexts.yml is not a map.'));
  }
  const current = str(pick(doc, 'current-context'));
  const result: QlikCliContext[] = [];
  for (const [name, value] of Object.entries(contexts)) {
    if (!isDict(value)) {
      continue;
    }
    const server = str(pick(value, 'server'));
    const serverType = str(pick(value, 'server-type')) ?? 'cloud';
    if (!server || serverType.toLowerCase() !== 'cloud') {
      continue;
    }
    result.push({
      name,
      server,
      serverType,
      comment: str(pick(value, 'comment')),
      current: name === current,
      credentials: credentialsOf(value),
    });
  }
  return result;
}
