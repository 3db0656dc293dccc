/**
 * Emulator modes: readings of the documents (and changes of the real service) that differ from the default
 * behaviour, switchable at start (`startEmulator({ modes })`, `--service`, `--mode name=value`) and at run time
 * (`PUT /__emulator/modes`). They apply to every tenant; a control reset restores those given at start.
 */
export interface Modes {
  /** `documented`: the API documents (Developer role, `api_keys_enabled`); `current`: the service since 2026-01-26. */
  service: 'documented' | 'current';
  /** `latest`: details answer the last migration, also once completed; `ongoing`: 404 when none is running. */
  migrationDetails: 'latest' | 'ongoing';
  /** `completion`: the target becomes `current` when the migration completes; `start`: as soon as it starts. */
  currentFlag: 'completion' | 'start';
  /** Error bodies carry `source.pointer` / `source.parameter` naming the field that was wrong. */
  errorSources: boolean;
  /**
   * `restricted`: listing users and reading someone else's user need TenantAdmin (403 otherwise);
   * `open`: anyone lists and reads users, and sees other users' `assignedRoles` only as TenantAdmin.
   */
  userDirectory: 'restricted' | 'open';
}

export const DEFAULT_MODES: Modes = {
  service: 'documented',
  migrationDetails: 'latest',
  currentFlag: 'completion',
  errorSources: false,
  userDirectory: 'restricted',
};

const CHOICES: { [K in keyof Modes]: readonly Modes[K][] } = {
  service: ['documented', 'current'],
  migrationDetails: ['latest', 'ongoing'],
  currentFlag: ['completion', 'start'],
  errorSources: [false, true],
  userDirectory: ['restricted', 'open'],
};

/** Checks a partial set of modes; returns the reason it is not valid, or the modes. */
export function checkModes(value: unknown): Partial<Modes> | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'modes must be a JSON object';
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const allowed = (CHOICES as Record<string, readonly unknown[]>)[k];
    if (!allowed) return `unknown mode ${k} (known: ${Object.keys(CHOICES).join(', ')})`;
    if (!allowed.includes(v)) return `mode ${k} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
    out[k] = v;
  }
  return out as Partial<Modes>;
}

/** `name=value` from the command line (`errorSources=true`). */
export function parseModeArg(arg: string): Partial<Modes> | string {
  const [name, raw] = arg.split(/=(.*)/s, 2);
  if (!name || raw === undefined) return `--mode needs name=value, got ${arg}`;
  return checkModes({ [name]: raw === 'true' ? true : raw === 'false' ? false : raw });
}

export class ModeStore {
  private current: Modes;
  constructor(private readonly initial: Modes) {
    this.current = { ...initial };
  }
  get(): Modes {
    return this.current;
  }
  set(partial: Partial<Modes>): Modes {
    this.current = { ...this.current, ...partial };
    return this.current;
  }
  reset(): void {
    this.current = { ...this.initial };
  }
}
