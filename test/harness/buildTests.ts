// Bundles the integration runner and suites for the extension host (which loads plain JS only), into a folder of
// the run (inside the project, so that the extension host gives the tests the extension's own `vscode` API object,
// and per run, so that two runs at once do not overwrite each other's bundle):
//   <out>/index.js   the runner module (exports run(); mocha is loaded from node_modules)
//   <out>/suites.js  every test/integration/**/*.test.ts (activation.test.ts first, then path order), with their helpers
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './provision';

/** `node esbuild.mjs` (dist/extension.js), with --production for the VSIX. */
export function buildExtension(production = false): void {
  const result = spawnSync(process.execPath, ['esbuild.mjs', ...(production ? ['--production'] : [])], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the extension failed');
}

const sourceDir = path.join(projectRoot, 'test', 'integration');

function findSuites(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findSuites(full));
    else if (entry.name.endsWith('.test.ts')) found.push(full);
  }
  return found.sort();
}

/** activation.test.ts runs first: it checks that nothing activated the extension before it. */
const firstSuite = path.join(sourceDir, 'activation.test.ts');

export async function buildIntegrationTests(outDir: string): Promise<{ runner: string; suites: string[] }> {
  const suites = findSuites(sourceDir).sort((a, b) => Number(b === firstSuite) - Number(a === firstSuite));
  const common: esbuild.BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
    absWorkingDir: projectRoot,
  };
  fs.rmSync(outDir, { recursive: true, force: true });
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [path.join(sourceDir, 'index.ts')], outfile: path.join(outDir, 'index.js') }),
    esbuild.build({
      ...common,
      stdin: {
        contents: suites
          .map((file) => `import ${JSON.stringify('./' + path.relative(sourceDir, file).split(path.sep).join('/'))};`)
          .join('\n'),
        resolveDir: sourceDir,
        sourcefile: 'suites.ts',
        loader: 'ts',
      },
      outfile: path.join(outDir, 'suites.js'),
    }),
  ]);
  return { runner: path.join(outDir, 'index'), suites };
}
