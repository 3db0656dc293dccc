// Packaging the VSIX (vsce, offline) and checking what is inside it. `npm run package` runs run-package.ts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { buildExtension } from './buildTests';
import { cacheDir, projectRoot } from './provision';

export function manifest(): { name: string; version: string } & Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
}

/** qlik-cloud-keys-<version>.vsix */
export function vsixFileName(): string {
  const { name, version } = manifest();
  return `${name}-${version}.vsix`;
}

/** Top-level entries never copied into the packaging folder: vsce would only walk them (slowly) to ignore them. */
const notStaged = new Set(['.git', '.cache', 'node_modules', 'out', 'test-results']);

/**
 * `vsce package` of the project as it is (build first), from a copy of the project without the heavy folders
 * (a walk of .cache and node_modules made vsce take 40 s instead of 5); .vscodeignore decides what goes in.
 * No dependencies: the bundle carries them. Relative links stay relative: the README's screenshots ship in media/.
 */
export function packageVsix(target: string, env: NodeJS.ProcessEnv = process.env): void {
  const stage = fs.mkdtempSync(path.join(cacheDir, 'tmp', 'pkg-'));
  try {
    for (const entry of fs.readdirSync(projectRoot)) {
      if (notStaged.has(entry) || entry.endsWith('.vsix')) continue;
      fs.cpSync(path.join(projectRoot, entry), path.join(stage, entry), { recursive: true });
    }
    const vsce = path.join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    const args = [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', path.resolve(target)];
    if (!manifest().repository) args.push('--allow-missing-repository');
    fs.rmSync(target, { force: true });
    const result = spawnSync(process.execPath, args, { cwd: stage, env, encoding: 'utf8' });
    if (result.status !== 0 || !fs.existsSync(target)) {
      throw new Error(`vsce package failed:\n${result.stdout}\n${result.stderr}`);
    }
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

export interface ZipEntry {
  name: string;
  size: number;
  method: number;
  compressedSize: number;
  headerOffset: number;
}

/** The entries of a zip file, read from its central directory. */
export function listZip(file: string): ZipEntry[] {
  const data = fs.readFileSync(file);
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: broken central directory at entry ${i}`);
    const method = data.readUInt16LE(offset + 10);
    const compressedSize = data.readUInt32LE(offset + 20);
    const size = data.readUInt32LE(offset + 24);
    const headerOffset = data.readUInt32LE(offset + 42);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    entries.push({ name: data.toString('utf8', offset + 46, offset + 46 + nameLength), size, method, compressedSize, headerOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The content of one entry of a zip file (stored or deflated). */
export function readZipEntry(file: string, name: string): Buffer {
  const entry = listZip(file).find((e) => e.name === name);
  if (!entry) throw new Error(`${file} has no entry ${name}`);
  const data = fs.readFileSync(file);
  const start = entry.headerOffset + 30 + data.readUInt16LE(entry.headerOffset + 26) + data.readUInt16LE(entry.headerOffset + 28);
  const raw = data.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(raw);
  if (entry.method === 8) return inflateRawSync(raw);
  throw new Error(`${name}: unsupported zip compression method ${entry.method}`);
}

/** What a VSIX of this extension may hold: the bundle (and axios and yaml, loaded on first use), webview assets, media, manifest, l10n bundles, README, CHANGELOG, LICENSE. */
const allowed: RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z]{2}(-[a-z]{2,4})?)?\.json$/i,
  /^extension\/l10n\/bundle\.l10n(\.[a-z]{2}(-[a-z]{2,4})?)?\.json$/i,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/license(\.txt|\.md)?$/i,
  /^extension\/dist\/extension\.js$/,
  /^extension\/dist\/vendor\/(axios|yaml)\.js$/,
  /^extension\/dist\/webviews\/[\w.-]+\.(js|css|ttf|woff2?)$/,
  /^extension\/media\/[\w./-]+\.(png|svg|gif|jpe?g)$/,
];

/** Entries that have no business in the VSIX (sources, tests, source maps, node_modules, anything unlisted). */
export function unexpectedEntries(names: string[]): string[] {
  return names.filter((name) => name.includes('..') || !allowed.some((rule) => rule.test(name)));
}

/** Builds for production, packages, and checks the content. Returns the VSIX path. */
export function buildAndPackage(target = path.join(projectRoot, vsixFileName())): string {
  buildExtension(true);
  packageVsix(target);
  const unexpected = unexpectedEntries(listZip(target).map((entry) => entry.name));
  if (unexpected.length) {
    throw new Error(`${path.basename(target)} holds files that do not belong in it (fix .vscodeignore):\n  ${unexpected.join('\n  ')}`);
  }
  return target;
}
