// Headless Debian Chromium through playwright-core (never a downloaded browser).
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumPath } from './provision';
import { isolatedEnv } from './runDir';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--password-store=basic',
];

/** A fresh browser profile inside `dir`, with HOME and TMPDIR inside `dir` too. */
export async function launchBrowser(dir: string, env: Record<string, string> = {}): Promise<BrowserContext> {
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) base[key] = value;
  return chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1400, height: 900 },
    env: { ...base, ...isolatedEnv(dir), ...env },
    timeout: 60_000,
  });
}
