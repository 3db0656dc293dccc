import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every row of the README's status table must be exercised by a test titled `<endpoint> → <status> …` in the named file. */
describe('emulator: README status table', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'emulator', 'README.md'), 'utf8');
  const rows = readme
    .split('\n')
    .map((line) => /^\| `([^`]+)` \| (\d{3}|default) \| (.+) \| ([\w.]+\.test\.ts) \|$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, endpoint, status, how, file]) => ({ endpoint, status, how, file }));

  it('lists every documented status of every endpoint', () => {
    const has = (endpoint: string, status: string): boolean => rows.some((r) => r.endpoint === endpoint && r.status === status);
    const documented: Record<string, string[]> = {
      'GET /api/v1/encryption/keyproviders': ['200', '400', '417'],
      'POST /api/v1/encryption/keyproviders': ['201', '400', '401', '403', '406', '408', '409', '417'],
      'GET /api/v1/encryption/keyproviders/{arnFingerPrint}': ['200', '400', '404', '414'],
      'PATCH /api/v1/encryption/keyproviders/{arnFingerPrint}': ['204', '400', '401', '404', '417'],
      'DELETE /api/v1/encryption/keyproviders/{arnFingerPrint}': ['204', '400', '404', '417', '424'],
      'POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/migrate': ['200', '400', '401', '404', '412', '424', '428'],
      'POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/test': ['201', '400', '401', '404', '408'],
      'GET /api/v1/encryption/keyproviders/actions/list': ['200', '400', '417'],
      'POST /api/v1/encryption/keyproviders/actions/reset-to-default-provider': ['200', '205', '401', '406', '412', '424'],
      'GET /api/v1/encryption/keyproviders/migration/actions/details': ['200', '400', '401', '404', '417'],
      'GET /api/v1/api-keys': ['200', '400', '403', '429'],
      'POST /api/v1/api-keys': ['201', '400', '403', '429', 'default'],
      'GET /api/v1/api-keys/{id}': ['200', '403', '404', '429', 'default'],
      'PATCH /api/v1/api-keys/{id}': ['204', '400', '403', '404', '429'],
      'DELETE /api/v1/api-keys/{id}': ['204', '403', '404', '429'],
      'GET /api/v1/api-keys/configs/{tenantId}': ['200', '429', 'default'],
      'PATCH /api/v1/api-keys/configs/{tenantId}': ['204', '400', '403', '404', '429'],
      'GET /api/v1/users/me': ['302'],
      'GET /api/v1/users': ['200', '400', '401', '403', '429', '500'],
      'GET /api/v1/users/{id}': ['200', '403', '404', '429', '500'],
      'GET /api/v1/tenants/me': ['302'],
      'POST /oauth/token': ['200'],
    };
    for (const [endpoint, statuses] of Object.entries(documented))
      for (const s of statuses) assert.ok(has(endpoint, s), `README row missing: ${endpoint} ${s}`);
    assert.ok(rows.length >= 90, `${rows.length} rows`);
  });

  it('every row is exercised by a test in the named file', () => {
    const files = new Map<string, string>();
    for (const r of rows) {
      if (!files.has(r.file)) files.set(r.file, readFileSync(join(__dirname, r.file), 'utf8'));
      const lines = files
        .get(r.file)!
        .split('\n')
        .filter((l) => l.includes(`${r.endpoint} → `));
      const hit = lines.some((l) => new RegExp(`\\b${r.status}\\b`).test(l.slice(l.indexOf(`${r.endpoint} → `) + r.endpoint.length)));
      assert.ok(hit, `${r.file} has no test for ${r.endpoint} → ${r.status}`);
    }
  });
});
