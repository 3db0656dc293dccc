import assert from 'node:assert/strict';
import { DebouncedSearch } from '../../../src/util/debouncedSearch';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('util/debouncedSearch: typing searches once it pauses, and a newer search cancels the older', () => {
  function harness(answerMs: number) {
    const started: string[] = [];
    const aborted: string[] = [];
    const results: string[] = [];
    const busy: boolean[] = [];
    const search = new DebouncedSearch<string>(
      (text, signal) =>
        new Promise((resolve, reject) => {
          started.push(text);
          const t = setTimeout(() => resolve(`found ${text}`), answerMs);
          signal.addEventListener('abort', () => {
            clearTimeout(t);
            aborted.push(text);
            reject(new Error('aborted'));
          });
        }),
      { results: (v) => results.push(v), busy: (on) => busy.push(on) },
      30,
    );
    return { search, started, aborted, results, busy };
  }

  it('fast typing sends one search, for the last text', async () => {
    const h = harness(5);
    for (const text of ['g', 'gr', 'gra', 'grace']) {
      h.search.typed(text);
      await sleep(5);
    }
    await sleep(80);
    assert.deepEqual(h.started, ['grace']);
    assert.deepEqual(h.results, ['found grace']);
    assert.deepEqual(h.busy, [true, false]);
  });

  it('typing again cancels the search in flight; its late answer is never shown', async () => {
    const h = harness(60);
    h.search.typed('gr');
    await sleep(50); // the search for "gr" runs now
    h.search.typed('grace');
    await sleep(150);
    assert.deepEqual(h.started, ['gr', 'grace']);
    assert.deepEqual(h.aborted, ['gr']);
    assert.deepEqual(h.results, ['found grace']);
    assert.equal(h.busy.at(-1), false);
  });

  it('dispose cancels what is pending and running', async () => {
    const h = harness(60);
    h.search.typed('a');
    await sleep(40);
    h.search.dispose();
    h.search.typed('b');
    h.search.dispose();
    await sleep(120);
    assert.deepEqual(h.started, ['a']);
    assert.deepEqual(h.aborted, ['a']);
    assert.deepEqual(h.results, []);
  });
});
