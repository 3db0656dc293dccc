import type * as vscode from 'vscode';
import type { ApiKey } from '../qlik';
import type { Services } from '../services';
import type { TenantRecord, TenantStore } from '../tenants/tenantStore';
import type { Log } from '../util/log';

export interface TreeSettings {
  pageSize: number;
  warningDays: number;
}

/** What every node may use: the tenant list, the services it renders, the log, the settings, a way to redraw. */
export interface TreeContext {
  readonly store: TenantStore;
  readonly services: Services;
  readonly log: Log;
  settings(): TreeSettings;
  now(): number;
  /** Redraws a node (and its expanded children), or the whole tree when undefined. */
  changed(node?: TreeNode): void;
}

/** A small node class: a stable id, its item, its children. */
export abstract class TreeNode {
  abstract readonly id: string;
  constructor(readonly parent: TreeNode | undefined) {}
  abstract getTreeItem(): vscode.TreeItem;
  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}

/** Implemented by nodes that belong to one tenant, so that commands find the tenant from any node. */
export interface HasTenant {
  readonly origin: string;
  tenant(): TenantRecord | undefined;
}

export function tenantOf(node: TreeNode | undefined): (TreeNode & HasTenant) | undefined {
  for (let n = node; n; n = n.parent) {
    if ('origin' in n && typeof (n as Partial<HasTenant>).tenant === 'function') return n as TreeNode & HasTenant;
  }
  return undefined;
}

/** Nodes that can show a JSON document with everything the service sent about them. */
export interface HasDetails {
  /** `id` tells apart two items with the same title (two keys with one description get two documents). */
  details(): DetailsOf;
}

/** What a details document shows: its tab title, the kind of item, its stable ID, the body the service sent. */
export interface DetailsOf {
  title: string;
  kind: string;
  id: string;
  body: Readonly<Record<string, unknown>>;
}

export function hasDetails(node: unknown): node is HasDetails {
  return typeof node === 'object' && node !== null && typeof (node as Partial<HasDetails>).details === 'function';
}

/** contextValue from tokens: `keyProvider;aws;current;noncompliant`. Falsy tokens are left out. */
export function contextValue(...tokens: Array<string | false | undefined>): string {
  return tokens.filter((t): t is string => typeof t === 'string' && t !== '').join(';');
}

/** What a row of another view (Key Health) is about, for the commands of the Tenants tree. */
export interface Reference {
  origin: string;
  fingerprint?: string;
  key?: ApiKey;
  /** The kind of node, when it is no key provider or key (a group, the tenant). */
  target?: string;
}

/** Rows that stand for a node of the Tenants tree: a command gets the reference instead of the row. */
export interface HasReference {
  reference(command?: string): Reference;
}

export function hasReference(node: unknown): node is HasReference {
  return typeof node === 'object' && node !== null && typeof (node as Partial<HasReference>).reference === 'function';
}
