// Headless Debian Chromium through playwright-core (never a downloaded browser).
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumPath } from './provision';
import { isolatedEnv, type RunDir } from './runDir';

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

/**
 * A browser with its profile `profile` in the run's short folder (Chromium's SingletonSocket goes next to its
 * TMPDIR, which is the short folder too), HOME inside the run folder.
 */
export async function launchBrowser(run: RunDir, profile = 'chromium-profile', env: Record<string, string> = {}): Promise<BrowserContext> {
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) base[key] = value;
  return chromium.launchPersistentContext(run.tmpSub(profile), {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1400, height: 900 },
    env: { ...base, ...isolatedEnv(run), ...env },
    timeout: 60_000,
  });
}
