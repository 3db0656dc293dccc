import { refreshKeyHealthWithProgress } from '../tree/healthRefresh';
import type { CommandContext } from './context';

/** Refresh Key Health: every tenant again, a few at a time, with the progress in the view. */
export async function refreshKeyHealth(ctx: CommandContext): Promise<void> {
  await refreshKeyHealthWithProgress(ctx.health);
}
