// What the "Benchmarks" integration suite (test/integration/bench.test.ts) writes to QCK_BENCH_OUT.

export interface HostBench {
  activation?: {
    /** Seconds waited for the fresh workbench to let the cores go idle before measuring. */
    settleSeconds?: number;
    /** `await extension.activate()` from inactive to resolved: loading the bundle plus running activate(). */
    activateMs: number;
    /** What activate() itself logs ("… started … in N ms"). */
    bodyMs?: number;
    /** require() of the bundle from scratch in the host: first time, and the median of four more. */
    loadMs?: number;
    warmLoadMs?: number;
    bundle?: string;
  };
  tree?: {
    pageSize: number;
    firstPage: { requests: number; ms: number; heapMB: number };
    /** One entry per Load more: the command until done, then VS Code re-reading every row; heap after GC. */
    pages: { requests: number; loadMs: number; renderMs: number; rows: number; heapMB: number }[];
  };
  polling?: {
    pollSeconds: number;
    scenarios: { migrating: number; seconds: number; perTenant: number[]; maxAllPerTenant: number }[];
  };
}
