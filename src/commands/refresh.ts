import type { CommandContext } from './context';

/** Refresh (view title): every tenant, and the tenant list as another window may have left it. */
export function refresh(ctx: CommandContext): void {
  ctx.store.checkForOutsideChanges();
  ctx.tree.refreshAll();
}
