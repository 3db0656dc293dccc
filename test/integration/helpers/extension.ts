import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { QlikCloudTestApi } from '../../../src/testApi';

/** The extension under test is the project: the first folder above this bundle (built into the run folder) with a package.json. */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const projectRoot = findProjectRoot(__dirname);

export interface Manifest {
  name: string;
  publisher: string;
  main: string;
  activationEvents?: string[];
  contributes?: { commands?: { command: string; title: string }[]; [key: string]: unknown };
}

export function manifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as Manifest;
}

export function extensionId(): string {
  const { publisher, name } = manifest();
  return `${publisher}.${name}`;
}

export function theExtension(): vscode.Extension<QlikCloudTestApi | undefined> {
  const extension = vscode.extensions.getExtension<QlikCloudTestApi | undefined>(extensionId());
  if (!extension) throw new Error(`extension ${extensionId()} is not loaded in this extension host`);
  return extension;
}

/** Activates the extension if needed and returns its test API (present because the harness sets QCK_EXTENSION_TEST_API=1). */
export async function testApi(): Promise<QlikCloudTestApi> {
  const api = await theExtension().activate();
  if (!api) throw new Error('the extension returned no test API: is QCK_EXTENSION_TEST_API=1 set for the extension host?');
  return api;
}
