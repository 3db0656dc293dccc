// What a machine already told the person: claimed once across windows (they share globalState), forgotten after 30 days.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { Announcements } from '../../../src/services/announcements';

/** globalState as VS Code keeps it for every window of a machine: one store of JSON values. */
function sharedState(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (structuredClone(values.get(key)) as T) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, structuredClone(value)),
  } as vscode.Memento;
}

describe('services/announcements', () => {
  it('the first window to claim announces; the other window and a reload stay quiet', async () => {
    const state = sharedState();
    const first = new Announcements(state);
    const second = new Announcements(state);
    const key = Announcements.migrationKey('https://acme.eu.qlikcloud.com', { id: 'm1', initiatedAt: {} });
    assert.equal(await first.claim(key), true);
    assert.equal(await second.claim(key), false);
    assert.equal(await new Announcements(state).claim(key), false, 'after a reload');
    assert.equal(await second.claim(Announcements.expiringKey('https://acme.eu.qlikcloud.com', 'k1')), true, 'another thing');
  });

  it('forgets announcements after 30 days', async () => {
    const state = sharedState();
    let now = Date.UTC(2026, 11, 1);
    const a = new Announcements(state, () => now);
    assert.equal(await a.claim('x'), true);
    now += 29 * 86_400_000;
    assert.equal(a.has('x'), true);
    now += 2 * 86_400_000;
    assert.equal(a.has('x'), false);
    assert.equal(await a.claim('x'), true);
  });
});
