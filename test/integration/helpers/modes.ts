// The emulator's modes and its fullDrift fault, through its control API (see test/emulator/README.md, "Modes").
import type { TestEmulator } from './emulator';

async function control(emulator: TestEmulator, method: string, route: string, body: unknown): Promise<unknown> {
  const r = await fetch(`${emulator.control}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`emulator control ${method} ${route}: ${r.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export type Modes = Partial<{
  service: 'documented' | 'current';
  migrationDetails: 'latest' | 'ongoing';
  currentFlag: 'completion' | 'start';
  errorSources: boolean;
}>;

/** Changes the modes for every tenant until the next reset (useEmulator resets before each test). */
export function setModes(emulator: TestEmulator, modes: Modes): Promise<unknown> {
  return control(emulator, 'PUT', '/modes', modes);
}

/** Every optional field removed and empty lists sent as null, on the paths matched (until cleared). */
export function fullDrift(emulator: TestEmulator, path = '.*', method?: string): Promise<unknown> {
  return control(emulator, 'POST', '/faults', { path, method, mode: 'fullDrift', count: 0 });
}
