import type { CommandContext } from './context';

/** Cancel (Key Health view title while a refresh runs): tenants not read yet keep what they showed. */
export async function cancelKeyHealthRefresh(ctx: CommandContext): Promise<void> {
  ctx.health.cancel();
}
