import { showProblem } from '../util/notifyProblem';
import { describeProblem } from '../util/problem';
import { type CommandArg, type CommandNode, originOf, parseArg, parseSelection } from './args';
import type { CommandContext } from './context';

/** A command: its argument and the rows selected with it, already read (args.ts). */
export type Command = (ctx: CommandContext, arg: CommandArg, selection: readonly CommandNode[]) => unknown;

/**
 * Runs a command as VS Code calls it: the arguments are read once (args.ts); a cancel is silent; any other error is
 * logged and shown as one line with "Show Log" (and "Update Credentials…" on a 401, for the argument's tenant).
 */
export function wrapCommand(id: string, ctx: CommandContext, fn: Command): (...args: unknown[]) => Promise<void> {
  return async (...raw: unknown[]) => {
    const arg = parseArg(raw[0], id);
    try {
      await fn(ctx, arg, parseSelection(raw[1]));
    } catch (error) {
      const problem = describeProblem(error);
      if (problem.cancelled) {
        ctx.log.info('command', `${id} cancelled`);
        return;
      }
      ctx.log.error('command', `${id} failed`, error);
      showProblem('error', problem, ctx.log, originOf(arg));
    }
  };
}
