// Issue 8: the walkthrough of the installed VSIX, as a person opens it from the command palette.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './helpers/workbench';

describe('Get Started walkthrough', () => {
  const workbench = useWorkbench();

  it('opens from the command palette with its three steps, each showing its screenshot', async () => {
    const { page, shot, runCommand } = workbench();
    await runCommand('Welcome: Open Walkthrough...');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('input.input').fill('Qlik Cloud');
    const choice = widget.locator('.monaco-list-row').filter({ hasText: 'Get Started with Qlik Cloud Keys' }).first();
    await choice.waitFor({ state: 'visible', timeout: 30_000 });
    await choice.click();

    const editor = page.locator('.gettingStartedContainer, .part.editor').first();
    await editor.getByText('Get Started with Qlik Cloud Keys').first().waitFor({ state: 'visible', timeout: 30_000 });
    for (const title of ['Add a tenant', 'Explore its encryption keys', 'Create an API key']) {
      await editor.getByText(title, { exact: true }).first().waitFor({ state: 'visible' });
    }
    const images: Array<[string, string]> = [
      ['Add a tenant', 'add-tenant.png'],
      ['Explore its encryption keys', 'encryption-keys.png'],
      ['Create an API key', 'create-api-key.png'],
    ];
    for (const [title, file] of images) {
      await editor.getByText(title, { exact: true }).first().click();
      // The step's image, once loaded: its address names the file (URI-encoded inside a resource URL).
      const loaded = await page
        .waitForFunction(
          (name) =>
            Array.from(document.querySelectorAll('.part.editor img')).some(
              (img) =>
                decodeURIComponent((img as HTMLImageElement).currentSrc || (img as HTMLImageElement).src).includes(name) &&
                (img as HTMLImageElement).complete &&
                (img as HTMLImageElement).naturalWidth > 0,
            ),
          file,
          { timeout: 30_000 },
        )
        .then(() => true)
        .catch(() => false);
      const sources = await page.locator('.part.editor img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src));
      assert.ok(loaded, `${file} loads in the walkthrough; images: ${sources.join(', ')}`);
      await shot(`step ${title}`);
    }
    assert.ok(await editor.getByRole('button', { name: 'Create API Key…' }).first().isVisible(), 'the step offers its command as a button');
  });
});
