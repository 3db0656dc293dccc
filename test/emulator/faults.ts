/** Fault injection rules, set through the control API and matched against tenant requests. */
export type FaultMode =
  'status' | 'reset' | 'malformed' | 'drift' | 'fullDrift' | 'latency' | 'hang' | 'foreign' | 'hostile' | 'huge' | 'drip' | 'echo';
export const FAULT_MODES: FaultMode[] = [
  'status',
  'reset',
  'malformed',
  'drift',
  'fullDrift',
  'latency',
  'hang',
  'foreign',
  'hostile',
  'huge',
  'drip',
  'echo',
];

export interface Fault {
  id: string;
  tenant: string | undefined;
  method: string | undefined;
  path: RegExp;
  pathText: string;
  mode: FaultMode;
  status: number;
  latencyMs: number;
  /** `status` mode: the `retry-after` header sent with a 429 (default "1"). */
  retryAfter?: string;
  /** `huge` mode: bytes of the body (default 64 MiB). */
  bytes?: number;
  /** `hostile` mode: answer this status with a hostile error body instead of the real answer. */
  hostileStatus?: number;
  /** Requests left; undefined = until cleared. */
  remaining: number | undefined;
}

export class FaultStore {
  private faults: Fault[] = [];
  private counter = 0;

  add(spec: Omit<Fault, 'id'>): Fault {
    const fault = { ...spec, id: `fault-${++this.counter}` };
    this.faults.push(fault);
    return fault;
  }

  /** The first fault matching the request, consuming one of its uses. */
  take(tenant: string, method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => (f.tenant === undefined || f.tenant === tenant) && (f.method === undefined || f.method === method) && f.path.test(path),
    );
    if (fault && fault.remaining !== undefined) {
      fault.remaining--;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }

  list(): Omit<Fault, 'path'>[] {
    return this.faults.map(({ path: _path, ...rest }) => rest);
  }

  clear(): void {
    this.faults = [];
  }
}
