// The state every service keeps per tenant: one request shared by everyone asking, forced reloads drop stale answers.
import * as assert from 'node:assert/strict';
import { Loadable, PerTenant } from '../../../src/services/loadable';
import { UserFacingError } from '../../../src/util/errors';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('services/loadable', () => {
  it('loads once for every concurrent reader and tells each change', async () => {
    let fetches = 0;
    let changes = 0;
    const l = new Loadable(
      async () => ++fetches,
      () => changes++,
    );
    assert.equal(l.state.kind, 'idle');
    const answers = await Promise.all([l.get(), l.get(), l.ensure().then(() => l.data)]);
    assert.deepEqual(answers, [1, 1, 1]);
    assert.equal(fetches, 1);
    assert.equal(changes, 1, 'one change: the data came in');
    assert.equal(await l.get(), 1, 'loaded data is reused');
    assert.equal(fetches, 1);
  });

  it('a plain invalidation keeps a request in flight; a forced one drops its answer', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let n = 0;
    const l = new Loadable(
      () => answers[n++]!.promise,
      () => undefined,
    );
    const first = l.get();
    l.invalidate();
    assert.equal(l.state.kind, 'loading', 'kept: one request, not two');
    l.invalidate(true);
    const second = l.get();
    answers[0]!.resolve('old');
    answers[1]!.resolve('new');
    assert.equal(await second, 'new');
    assert.equal(await first, 'new', 'the reader of the dropped request waits for the new one');
    assert.equal(n, 2);
  });

  it('keeps a failure until invalidated, and reload() reads again', async () => {
    let fail = true;
    let fetches = 0;
    const failures: unknown[] = [];
    const l = new Loadable(
      async () => {
        fetches++;
        if (fail) throw new Error('503');
        return 'ok';
      },
      () => undefined,
      (e) => failures.push(e),
    );
    await assert.rejects(l.get(), /503/);
    await assert.rejects(l.get(), /503/);
    assert.equal(fetches, 1, 'a failure is not retried by reading');
    assert.equal(failures.length, 1);
    fail = false;
    assert.equal(await l.reload(), 'ok');
    assert.equal(fetches, 2);
  });

  it('gives up after a few forced invalidations in a row, with a sentence for the person', async () => {
    let fetches = 0;
    const l: Loadable<number> = new Loadable(
      async () => {
        fetches++;
        await Promise.resolve();
        l.invalidate(true);
        return fetches;
      },
      () => undefined,
    );
    await assert.rejects(
      l.get(),
      (e: unknown) => e instanceof UserFacingError && e.message === 'What Qlik Cloud holds changed while it was read. Try again.',
    );
    assert.equal(fetches, 3, 'three rounds, each answer dropped');
  });

  it('set() replaces the data without a request', async () => {
    let fetches = 0;
    const l = new Loadable(
      async () => ++fetches,
      () => undefined,
    );
    l.set(42);
    assert.equal(await l.get(), 42);
    assert.equal(fetches, 0);
  });

  it('PerTenant makes one state per origin and forgets the tenants that went', () => {
    const made: string[] = [];
    const per = new PerTenant((origin) => {
      made.push(origin);
      return new Loadable(
        async () => origin,
        () => undefined,
      );
    });
    assert.equal(per.of('a'), per.of('a'));
    per.of('b');
    per.retain(new Set(['b']));
    assert.deepEqual(per.origins(), ['b']);
    assert.equal(per.peek('a'), undefined);
    assert.deepEqual(made, ['a', 'b']);
  });
});
