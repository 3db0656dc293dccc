// The marketplace face: README tables that cover the manifest, images that exist, a walkthrough that points at real
// commands and screenshots, a launch configuration for F5, and the demo's contexts.yml as the extension reads it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseQlikCliContexts } from '../../../src/tenants/qlikCliContexts';
import { startEmulator } from '../../emulator/index';
import { commandsTable, readManifest, screenshots, settingsTable, withTables } from '../../harness/docs';
import { contextsYaml, desktopQlikCliDir } from '../../harness/demoTenants';
import { projectRoot } from '../../harness/provision';

const read = (file: string) => fs.readFileSync(path.join(projectRoot, file), 'utf8');
/** JSON with // comment lines (as VS Code's launch.json and tasks.json allow). */
const jsonc = (file: string) => JSON.parse(read(file).replace(/^\s*\/\/.*$/gm, ''));

describe('README, walkthrough and launch configuration', () => {
  const { manifest, nls } = readManifest();
  const readme = read('README.md');
  const contributes = (manifest as any).contributes;

  it('has README tables generated from the current manifest (run `npm run screenshots` when this fails)', () => {
    assert.equal(withTables(readme, manifest, nls), readme, 'README.md tables are stale: run `npm run screenshots`');
  });

  it('names every command and setting of the manifest in the README', () => {
    const commands = commandsTable(manifest, nls);
    const settings = settingsTable(manifest, nls);
    for (const { command } of contributes.commands) {
      assert.ok(commands.includes(`\`${command}\``) && readme.includes(`\`${command}\``), `${command} is missing from the README`);
    }
    for (const id of Object.keys(contributes.configuration.properties)) {
      assert.ok(settings.includes(`\`${id}\``) && readme.includes(`\`${id}\``), `${id} is missing from the README`);
    }
    assert.ok(readme.includes('npm ci && npm start') && readme.includes('npm ci && npm test'), 'the two set-up commands');
  });

  it('shows only images that exist in media/, among them the ones the screenshot script refreshes', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 5, 'tree, compliance, register form, status bar, token view');
    for (const image of images) {
      assert.match(image, /^media\//);
      assert.ok(fs.existsSync(path.join(projectRoot, image)), `${image} does not exist`);
    }
    for (const wanted of ['tree', 'register-form', 'migration-status-bar', 'token-view']) {
      const image = `media/screenshots/${wanted}.png`;
      assert.ok(images.includes(image), `README shows ${image}`);
      assert.ok(fs.existsSync(path.join(projectRoot, image)), `${image} exists`);
      assert.ok(
        screenshots.some((s) => s.dest === image),
        `${image} is refreshed by npm run screenshots`,
      );
    }
  });

  it('has a walkthrough whose steps show existing screenshots and run real commands', () => {
    const extensionSource = fs.readFileSync(path.join(projectRoot, 'src', 'extension.ts'), 'utf8');
    const [walkthrough] = contributes.walkthroughs;
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ['qlikCloud.addTenant', 'qlikCloud.exploreEncryption', 'qlikCloud.createApiKey'],
    );
    const commands = new Set(contributes.commands.map((c: { command: string }) => c.command));
    const containers = contributes.viewsContainers.activitybar.map((c: { id: string }) => `workbench.view.extension.${c.id}`);
    for (const step of walkthrough.steps) {
      assert.ok(fs.existsSync(path.join(projectRoot, step.media.image)), `${step.media.image} exists`);
      assert.ok(
        screenshots.some((s) => s.dest === step.media.image),
        `${step.media.image} comes from an end-to-end screenshot`,
      );
      const description = nls[step.description.replace(/%/g, '')];
      assert.ok(description, `${step.id} has a description`);
      const links = [...description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.ok(links.length > 0, `${step.id} offers a command`);
      for (const link of links)
        assert.ok(commands.has(link) || containers.includes(link), `${step.id} links to ${link}, which does not exist`);
      // A step is ticked by what its text asks for: a command that exists, or a context key the extension sets.
      for (const event of step.completionEvents as string[]) {
        const [kind, id] = event.split(/:(.*)/s);
        if (kind === 'onCommand') assert.ok(commands.has(id), `${step.id} completes on ${id}, which does not exist`);
        else if (kind === 'onContext')
          assert.ok(extensionSource.includes(`'setContext', '${id}'`), `${step.id} completes on ${id}, which the extension never sets`);
        else assert.fail(`${step.id} completes on ${event}: not something the step asks the person to do`);
      }
    }
  });

  it('has F5 in .vscode/launch.json: the dist bundle, a build task that exists, and the demo contexts folder', () => {
    const launch = jsonc('.vscode/launch.json');
    const tasks = jsonc('.vscode/tasks.json');
    const config = launch.configurations.find((c: { type: string }) => c.type === 'extensionHost');
    assert.ok(config, 'an extensionHost launch configuration');
    assert.ok(config.args.includes('--extensionDevelopmentPath=${workspaceFolder}'));
    assert.ok(config.outFiles.some((f: string) => f.startsWith('${workspaceFolder}/dist/')));
    const task = tasks.tasks.find((t: { label: string }) => t.label === config.preLaunchTask);
    assert.ok(task, `the preLaunchTask ${config.preLaunchTask} exists`);
    assert.ok((manifest as any).scripts[task.script], `npm script ${task.script} exists`);
    assert.equal(config.env.QLIK_CLI_USER_HOME_DIR, `\${workspaceFolder}/${path.relative(projectRoot, desktopQlikCliDir)}`);
  });

  it("writes a contexts.yml for the demo tenants that the extension's own reader imports as API-key contexts", async () => {
    const emulator = await startEmulator({ tenants: 2, seed: 'demo', quiet: true });
    try {
      const contexts = parseQlikCliContexts(contextsYaml(emulator.tenants));
      assert.deepEqual(
        contexts.map((c) => [c.name, c.server, c.current, c.credentials.kind]),
        emulator.tenants.map((t, i) => [t.name, t.url, i === 0, 'apiKey']),
      );
      const [first] = contexts;
      assert.ok(first.credentials.kind === 'apiKey');
      const me = await fetch(`${emulator.tenants[0].url}/api/v1/users/me`, {
        headers: { authorization: `Bearer ${first.credentials.apiKey}` },
      });
      assert.equal(me.status, 200, 'the key in contexts.yml signs in');
    } finally {
      await emulator.close();
    }
  });

  it('has a CHANGELOG entry for the manifest version', () => {
    assert.match(read('CHANGELOG.md'), new RegExp(`^## ${(manifest as any).version.replace(/\./g, '\\.')}\\b`, 'm'));
  });
});
