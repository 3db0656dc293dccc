// npm run screenshots — copies the latest end-to-end screenshots (run `npm run test:e2e` first) into media/ for the
// README and the walkthrough, and regenerates README.md's commands and settings tables from the manifest.
import { copyScreenshots, updateReadmeTables } from './docs';

const say = (message: string) => process.stderr.write(`[screenshots] ${message}\n`);
async function main(): Promise<void> {
  const { copied, missing } = await copyScreenshots(say);
  say(`${copied} screenshot(s) copied`);
  if (missing.length) say(`not found in test-results/e2e/ (kept as they were):\n  ${missing.join('\n  ')}`);
  say(updateReadmeTables() ? 'README.md tables updated' : 'README.md tables already current');
}

main().catch((error: unknown) => {
  say(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
