import * as vscode from 'vscode';
import { boundedEach } from '../estate/health';
import { QlikApiError, type ApiKey } from '../qlik';
import { keyStatusInWords } from '../services/apiKeyFilter';
import type { TenantRecord } from '../tenants/tenantStore';
import { describeExpiry } from '../util/format';
import { prompts } from '../util/prompts';
import type { CommandArg } from './args';
import type { CommandContext } from './context';
import { count } from '../util/locale';

/** Pages of 100 walked per tenant for a description (the service has no description filter). */
export const FIND_MAX_PAGES = 20;
/** Tenants asked at once. */
const PARALLEL = 4;
/** What an API key ID looks like (24 hex digits). */
const ID = /^[0-9a-f]{24}$/i;

interface Found {
  tenant: TenantRecord;
  key: ApiKey;
}

type Item = vscode.QuickPickItem & { found?: Found };

/**
 * Find API Key…: by ID or description across every tenant. What is loaded already (the Tenants tree's pages, the
 * Key Health walk) shows at once; then an ID is asked of each tenant (one request each) and a description is sought
 * in a bounded walk of each tenant's keys (read once per search, shared by every value typed). The key chosen is
 * revealed in the Tenants tree, or its details open.
 */
export async function findApiKey(ctx: CommandContext, _arg: CommandArg): Promise<void> {
  const tenants = ctx.store.list();
  const session = new AbortController();
  const walks = new Map<string, { keys: ApiKey[]; done: Promise<void> }>();
  const byId = new Map<string, Promise<ApiKey | undefined>>();
  const now = Date.now();

  const loaded = (): Found[] =>
    tenants.flatMap((tenant) => {
      const keys = [
        ...(ctx.services.apiKeys.peek(tenant.origin)?.keys ?? []),
        ...(ctx.health.health(tenant.origin)?.expiring ?? []),
        ...(walks.get(tenant.origin)?.keys ?? []),
      ];
      return keys.map((key) => ({ tenant, key }));
    });

  const walk = (tenant: TenantRecord) => {
    let w = walks.get(tenant.origin);
    if (w) return w;
    const keys: ApiKey[] = [];
    const sub = ctx.services.identity.isTenantAdmin(tenant.origin) ? {} : { sub: tenant.user.id };
    const done = (async () => {
      const client = await ctx.pool.get(tenant.origin);
      let pages = 0;
      for await (const page of client.apiKeys.pages({ limit: 100, ...sub }, { signal: session.signal, maxPages: FIND_MAX_PAGES + 1 })) {
        keys.push(...page.keys);
        if (++pages >= FIND_MAX_PAGES) break;
      }
    })().catch((error: unknown) => {
      if (!session.signal.aborted) ctx.log.warn('apiKeys', `Find API Key: could not read the keys of ${tenant.label}: ${String(error)}`);
    });
    walks.set(tenant.origin, (w = { keys, done }));
    return w;
  };

  const lookup = (tenant: TenantRecord, id: string) => {
    const k = `${tenant.origin} ${id}`;
    let p = byId.get(k);
    if (!p) {
      p = ctx.pool
        .get(tenant.origin)
        .then((c) => c.apiKeys.get(id, { signal: session.signal }))
        .catch((error: unknown) => {
          if (!(error instanceof QlikApiError && (error.status === 404 || error.status === 403)) && !session.signal.aborted)
            ctx.log.warn('apiKeys', `Find API Key: looking up ${id} on ${tenant.label} failed: ${String(error)}`);
          return undefined;
        });
      byId.set(k, p);
    }
    return p;
  };

  const items = (value: string, extra: Found[] = []): Item[] => {
    const q = value.trim().toLowerCase();
    if (!q) return [];
    const seen = new Set<string>();
    const out: Item[] = [];
    for (const f of [...extra, ...loaded()]) {
      const id = `${f.tenant.origin} ${f.key.id}`;
      if (seen.has(id)) continue;
      if (!(f.key.id.toLowerCase() === q || f.key.id.toLowerCase().startsWith(q) || f.key.description.toLowerCase().includes(q))) continue;
      seen.add(id);
      out.push({
        label: f.key.description || f.key.id,
        description: `${f.tenant.label} · ${keyStatusInWords(f.key)} · ${describeExpiry(f.key.expiry, now, 0, vscode.env.language).text}`,
        detail: `${f.key.id} · ${f.key.sub}`,
        found: f,
      });
      if (out.length >= 200) break;
    }
    return out;
  };

  try {
    const picked = await prompts().search<Item>({
      title: vscode.l10n.t('Find API Key'),
      placeHolder: vscode.l10n.t('An API key ID or part of a description, on {0} tenants', count(tenants.length)),
      search: async (value, show, signal) => {
        show(items(value));
        const q = value.trim();
        if (q.length < 2) return;
        if (ID.test(q)) {
          const extra: Found[] = [];
          await boundedEach(
            tenants,
            PARALLEL,
            async (tenant) => {
              const key = await lookup(tenant, q);
              if (key && !signal.aborted) {
                extra.push({ tenant, key });
                show(items(value, extra));
              }
            },
            signal,
          );
          return;
        }
        await boundedEach(
          tenants,
          PARALLEL,
          async (tenant) => {
            const w = walk(tenant);
            await w.done;
            if (!signal.aborted) show(items(value));
          },
          signal,
        );
        if (!signal.aborted && items(value).length === 0)
          show([{ label: vscode.l10n.t('No API key matches "{0}".', q), alwaysShow: true }]);
      },
    });
    if (!picked?.found) return;
    await vscode.commands.executeCommand('qlikCloud.revealInTenants', { origin: picked.found.tenant.origin, key: picked.found.key });
  } finally {
    session.abort();
  }
}
