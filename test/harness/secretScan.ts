// The end-of-run secret scan (issue 9): every file under the given folders is searched for every secret the
// emulators issued (whole, and the signature part of a token on its own), in UTF-8 and UTF-16LE (Chromium keeps
// Local Storage values as UTF-16), and for the header every emulator token starts with (so that a token of an emulator
// this process did not start is caught too). Hits name the file and the kind of secret, never the secret.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SecretHit {
  file: string;
  what: string;
}

/** The base64url header of every emulator JWT, made at run time so that no bundle carries it literally. */
export function emulatorJwtHead(): string {
  return Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'emulator' })).toString('base64url');
}

interface Needle {
  what: string;
  bytes: Buffer[];
}

function needles(secrets: string[]): Needle[] {
  const out: Needle[] = [];
  const add = (what: string, text: string) => {
    if (text.length >= 12) out.push({ what, bytes: [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')] });
  };
  add('an emulator token header', emulatorJwtHead());
  secrets.forEach((secret, i) => {
    const parts = secret.split('.');
    if (parts.length === 3) {
      add(`issued token #${i + 1}`, secret);
      add(`the signature of issued token #${i + 1}`, parts[2] ?? '');
    } else add(`issued secret #${i + 1}`, secret);
  });
  return out;
}

function* files(root: string, skip: (file: string) => boolean): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (skip(full)) continue;
    if (entry.isDirectory()) yield* files(full, skip);
    else if (entry.isFile()) yield full;
  }
}

export interface ScanResult {
  hits: SecretHit[];
  filesScanned: number;
  bytesScanned: number;
  secrets: number;
}

/**
 * Files that hold secrets by design and that neither VS Code nor the extension writes: qlik-cli's contexts.yml, which
 * tests and `npm start` write as *input* for "Import Tenants from qlik-cli…" (the extension only reads it).
 */
export function isKnownInput(file: string): boolean {
  return path.basename(file) === 'contexts.yml';
}

/** Scans every regular file under `roots` (symlinks, sockets and files over 64 MB are skipped). */
export function scanForSecrets(roots: string[], secrets: string[], skip: (file: string) => boolean = () => false): ScanResult {
  const list = needles(secrets);
  const hits: SecretHit[] = [];
  let filesScanned = 0;
  let bytesScanned = 0;
  const seen = new Set<string>();
  for (const root of roots) {
    for (const file of files(root, (f) => skip(f) || isKnownInput(f))) {
      if (seen.has(file)) continue;
      seen.add(file);
      let data: Buffer;
      try {
        if (fs.statSync(file).size > 64 * 1024 * 1024) continue;
        data = fs.readFileSync(file);
      } catch {
        continue; // removed meanwhile (a lock file, a cache entry)
      }
      filesScanned++;
      bytesScanned += data.length;
      for (const n of list) if (n.bytes.some((b) => data.includes(b))) hits.push({ file, what: n.what });
    }
  }
  return { hits, filesScanned, bytesScanned, secrets: secrets.length };
}
