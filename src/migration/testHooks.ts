import type { CommandContext } from '../commands/context';
import { type MigrationItemSnapshot, MigrationWatcher } from './watcher';

/** The encryption part of the test API (see src/testApi.ts). */
export interface EncryptionTestApi {
  /** What the migration status bar items show now. */
  migrationItems(): MigrationItemSnapshot[];
  isWatching(origin: string): boolean;
  /**
   * Simulates a window reload for the migration watcher: the running watcher is disposed (its items disappear, its
   * polls stop) and a fresh one does what activate() does, reading each known tenant's migration details once.
   * Resolves with the origins whose migrations were picked up again.
   */
  reloadMigrationWatcher(): Promise<string[]>;
}

export function encryptionTestApi(ctx: CommandContext): EncryptionTestApi {
  return {
    migrationItems: () => ctx.migrations.items(),
    isWatching: (origin) => ctx.migrations.isWatching(origin),
    async reloadMigrationWatcher() {
      ctx.migrations.dispose();
      ctx.migrations = new MigrationWatcher({ store: ctx.store, pool: ctx.pool, log: ctx.log, tree: ctx.tree });
      return ctx.migrations.resumeKnownTenants();
    },
  };
}
