// The marketplace face of the extension, kept current from the tests and the manifest:
// - the end-to-end screenshots that README.md (media/screenshots/) and the walkthrough (media/walkthrough/) show,
//   copied from test-results/e2e/ (only screenshots of the real product, taken by the end-to-end journeys);
// - README.md's commands and settings tables, generated from package.json and package.nls.json.
// `npm run screenshots` runs both (after `npm run test:e2e`); a unit test fails when the README tables are stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { projectRoot } from './provision';
import { createRunDir, type RunDir } from './runDir';

export const e2eResults = path.join(projectRoot, 'test-results', 'e2e');

interface Screenshot {
  /** Path in the project, under media/. */
  dest: string;
  /** The journey's folder in test-results/e2e/ (its test title, as a slug) starts with this. */
  journey: string;
  /** The step's file name, without its number. */
  step: string;
  /** The part of the 1400×900 workbench worth showing (walkthrough images are shown small). */
  crop?: { x: number; y: number; width: number; height: number };
}

export const screenshots: Screenshot[] = [
  {
    dest: 'media/screenshots/key-health.png',
    journey: 'key-health-as-an-admin-of-several-tenants-sees-it',
    step: 'key-health-overview',
  },
  {
    dest: 'media/screenshots/expiring-api-keys.png',
    journey: 'key-health-as-an-admin-of-several-tenants-sees-it',
    step: 'expiring-api-keys-across-tenants',
  },
  { dest: 'media/screenshots/tree.png', journey: 'tenants-tree-as-a-person-uses-it', step: 'all-api-keys-after-load-more' },
  {
    dest: 'media/screenshots/compliance-tooltip.png',
    journey: 'tenants-tree-as-a-person-uses-it',
    step: 'encryption-keys-with-the-compliance-warning',
  },
  {
    dest: 'media/screenshots/register-form.png',
    journey: 'encryption-keys-as-a-person-uses-them',
    step: 'register-form-with-an-invalid-arn',
  },
  {
    dest: 'media/screenshots/migration-status-bar.png',
    journey: 'encryption-keys-as-a-person-uses-them',
    step: 'status-bar-mid-migration',
  },
  { dest: 'media/screenshots/token-view.png', journey: 'api-keys-as-a-person-uses-them', step: 'token-view-masked' },
  {
    dest: 'media/screenshots/import-from-qlik-cli.png',
    journey: 'npm-start-imports-the-demo-tenants',
    step: 'both-demo-contexts-selected',
  },
  {
    dest: 'media/walkthrough/add-tenant.png',
    journey: 'tenants-tree-as-a-person-uses-it',
    step: 'typing-the-tenant-address',
    crop: { x: 0, y: 0, width: 1010, height: 300 },
  },
  {
    dest: 'media/walkthrough/encryption-keys.png',
    journey: 'tenants-tree-as-a-person-uses-it',
    step: 'encryption-keys-with-the-compliance-warning',
    crop: { x: 0, y: 0, width: 860, height: 490 },
  },
  {
    dest: 'media/walkthrough/create-api-key.png',
    journey: 'api-keys-as-a-person-uses-them',
    step: 'the-form-filled-in-1-day',
    crop: { x: 0, y: 0, width: 1320, height: 560 },
  },
];

/** The newest matching screenshot in test-results/e2e/, if a journey took it. */
export function findScreenshot(shot: Screenshot, root = e2eResults): string | undefined {
  if (!fs.existsSync(root)) return undefined;
  const candidates: string[] = [];
  for (const journey of fs.readdirSync(root).filter((name) => name.startsWith(shot.journey))) {
    for (const file of fs.readdirSync(path.join(root, journey))) {
      if (new RegExp(`^\\d+[a-z]?-${shot.step}\\.png$`).test(file)) candidates.push(path.join(root, journey, file));
    }
  }
  return candidates.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

/** Copies (and crops, in headless Chromium) the screenshots into media/. */
export async function copyScreenshots(log: (line: string) => void): Promise<{ copied: number; missing: string[] }> {
  const missing: string[] = [];
  let copied = 0;
  let browser: BrowserContext | undefined;
  let scratch: RunDir | undefined;
  try {
    for (const shot of screenshots) {
      const source = findScreenshot(shot);
      if (!source) {
        missing.push(`${shot.dest} (journey ${shot.journey}…, step ${shot.step})`);
        continue;
      }
      const dest = path.join(projectRoot, shot.dest);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      if (shot.crop) {
        scratch ??= createRunDir('screenshots');
        browser ??= await launchBrowser(scratch);
        const page = browser.pages()[0] ?? (await browser.newPage());
        await page.setViewportSize({ width: 1400, height: 900 });
        const data = fs.readFileSync(source).toString('base64');
        await page.setContent(`<body style="margin:0"><img style="display:block" src="data:image/png;base64,${data}"></body>`);
        await page.locator('img').evaluate((img) => (img as HTMLImageElement).decode());
        await page.screenshot({ path: dest, clip: shot.crop });
      } else {
        fs.copyFileSync(source, dest);
      }
      copied++;
      log(`${shot.dest} ← ${path.relative(projectRoot, source)}${shot.crop ? ' (cropped)' : ''}`);
    }
  } finally {
    await browser?.close();
    scratch?.remove();
  }
  return { copied, missing };
}

// ---- README tables ----

type Manifest = {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus?: Record<string, Array<{ command: string; when?: string }>>;
    configuration: {
      properties: Record<
        string,
        { type?: string; default?: unknown; markdownDescription?: string; description?: string; enum?: unknown[] }
      >;
    };
    viewsWelcome?: Array<{ contents: string }>;
  };
};

export function readManifest(): { manifest: Manifest; nls: Record<string, string> } {
  return {
    manifest: JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')),
    nls: JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.nls.json'), 'utf8')),
  };
}

function localize(text: string | undefined, nls: Record<string, string>): string {
  return (text ?? '').replace(/^%([^%]+)%$/, (whole, key: string) => nls[key] ?? whole);
}

function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

export function commandsTable(manifest: Manifest, nls: Record<string, string>): string {
  const menus = manifest.contributes.menus ?? {};
  const hidden = new Set((menus.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  const inMenu = (menu: string, id: string) => (menus[menu] ?? []).some((m) => m.command === id);
  const welcome = (manifest.contributes.viewsWelcome ?? []).map((w) => localize(w.contents, nls)).join('\n');
  const rows = manifest.contributes.commands.map((c) => {
    const where = [
      hidden.has(c.command) ? '' : 'Command Palette',
      inMenu('view/title', c.command) ? 'view title' : '',
      inMenu('view/item/context', c.command) ? 'tree items' : '',
      welcome.includes(`(command:${c.command})`) ? 'welcome view' : '',
    ].filter(Boolean);
    const category = localize(c.category, nls);
    return `| ${cell(`${category ? `${category}: ` : ''}${localize(c.title, nls)}`)} | ${where.join(', ') || '—'} | \`${c.command}\` |`;
  });
  return ['| Command | Where | ID |', '| --- | --- | --- |', ...rows].join('\n');
}

function defaultText(value: unknown): string {
  return value === undefined ? '—' : `\`${JSON.stringify(value)}\``;
}

export function settingsTable(manifest: Manifest, nls: Record<string, string>): string {
  const rows = Object.entries(manifest.contributes.configuration.properties).map(([id, p]) => {
    const description = localize(p.markdownDescription ?? p.description, nls).replace(/`#([\w.]+)#`/g, '`$1`');
    return `| \`${id}\` | ${defaultText(p.default)} | ${cell(description)} |`;
  });
  return ['| Setting | Default | What it does |', '| --- | --- | --- |', ...rows].join('\n');
}

const blocks = {
  commands: (m: Manifest, nls: Record<string, string>) => commandsTable(m, nls),
  settings: (m: Manifest, nls: Record<string, string>) => settingsTable(m, nls),
};

/** README text with its generated blocks (between `<!-- name:start -->` and `<!-- name:end -->`) brought up to date. */
export function withTables(readme: string, manifest: Manifest, nls: Record<string, string>): string {
  let text = readme;
  for (const [name, make] of Object.entries(blocks)) {
    const start = `<!-- ${name}:start (generated by npm run screenshots from package.json) -->`;
    const end = `<!-- ${name}:end -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md has no ${name} block (${start} … ${end})`);
    text = `${text.slice(0, from + start.length)}\n${make(manifest, nls)}\n${text.slice(to)}`;
  }
  return text;
}

export function updateReadmeTables(): boolean {
  const file = path.join(projectRoot, 'README.md');
  const before = fs.readFileSync(file, 'utf8');
  const { manifest, nls } = readManifest();
  const after = withTables(before, manifest, nls);
  if (after !== before) fs.writeFileSync(file, after);
  return after !== before;
}
