// The demo tenants' qlik-cli contexts.yml, written by `npm start` so that "Import Tenants from qlik-cli…" finds them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { EmulatorTenant } from '../emulator/index';
import { cacheDir } from './provision';

/** Where `npm start -- --no-browser-vscode` writes contexts.yml; .vscode/launch.json points QLIK_CLI_USER_HOME_DIR here. */
export const desktopQlikCliDir = path.join(cacheDir, 'demo', 'qlik-cli');

/** qlik-cli's contexts.yml for the emulator's tenants, signed in with the admin's API key. */
export function contextsYaml(tenants: EmulatorTenant[]): string {
  const contexts = Object.fromEntries(
    tenants.map((tenant) => [
      tenant.name,
      {
        server: tenant.url,
        'server-type': 'cloud',
        headers: { Authorization: `Bearer ${tenant.tokens.admin}` },
        comment: 'Demo tenant of the Qlik Cloud emulator, signed in as Ada Admin (TenantAdmin)',
      },
    ]),
  );
  return (
    '# Written by `npm start` for the demo tenants of the Qlik Cloud emulator; removed when it stops.\n' +
    stringify({ 'current-context': tenants[0].name, contexts })
  );
}

/** Writes <dir>/contexts.yml (readable by its owner only: it holds API keys) and returns its path. */
export function writeContexts(dir: string, tenants: EmulatorTenant[]): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'contexts.yml');
  fs.writeFileSync(file, contextsYaml(tenants), { mode: 0o600 });
  return file;
}
