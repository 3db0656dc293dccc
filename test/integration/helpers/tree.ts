import * as vscode from 'vscode';
import { testApi } from './extension';

/** A tree item as a person would read it, with the parts tests check. */
export interface TreeRow {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  /** Codicon id (`warning`, `key`…) when the icon is a ThemeIcon. */
  icon?: string;
  id?: string;
  command?: string;
  collapsible: boolean;
  children?: TreeRow[];
  /** The provider's element, for calling getChildren/getTreeItem again. */
  element: unknown;
}

export interface ReadTreeOptions {
  /** How many levels to expand below the roots (0 = the roots only). Default 0. */
  depth?: number;
  /** Expand only the rows this returns true for (default: every collapsible row, up to depth). */
  expand?: (row: TreeRow) => boolean;
}

function text(value: string | vscode.TreeItemLabel | vscode.MarkdownString | boolean | undefined): string | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (typeof value === 'string') return value;
  if ('label' in value) return value.label;
  return value.value;
}

async function toRow(provider: vscode.TreeDataProvider<unknown>, element: unknown): Promise<TreeRow> {
  const item = await provider.getTreeItem(element);
  const label = text(item.label) ?? (item.resourceUri ? (item.resourceUri.path.split('/').pop() ?? '') : '');
  return {
    label,
    description: text(item.description),
    tooltip: text(item.tooltip as string | vscode.MarkdownString | undefined),
    contextValue: item.contextValue,
    icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
    id: item.id,
    command: item.command?.command,
    collapsible: (item.collapsibleState ?? vscode.TreeItemCollapsibleState.None) !== vscode.TreeItemCollapsibleState.None,
    element,
  };
}

async function readLevel(
  provider: vscode.TreeDataProvider<unknown>,
  parent: unknown,
  depth: number,
  options: ReadTreeOptions,
): Promise<TreeRow[]> {
  const elements = (await provider.getChildren(parent)) ?? [];
  const rows: TreeRow[] = [];
  for (const element of elements) {
    const row = await toRow(provider, element);
    if (depth > 0 && row.collapsible && (options.expand?.(row) ?? true)) {
      row.children = await readLevel(provider, element, depth - 1, options);
    }
    rows.push(row);
  }
  return rows;
}

/** Reads the Tenants tree through the extension's own TreeDataProvider, the same calls VS Code makes to render it. */
export async function readTree(options: ReadTreeOptions = {}): Promise<TreeRow[]> {
  const { tenantsTree } = await testApi();
  return readLevel(tenantsTree, undefined, options.depth ?? 0, options);
}

/** Children of one row (as from readTree), e.g. after a refresh or to page through "Load more…". */
export async function childrenOf(row: TreeRow): Promise<TreeRow[]> {
  const { tenantsTree } = await testApi();
  return readLevel(tenantsTree, row.element, 0, {});
}

/** "label — description" lines, indented per level: handy in assertion messages. */
export function outline(rows: TreeRow[], indent = ''): string {
  return rows
    .map(
      (row) =>
        `${indent}${row.label}${row.description ? ` — ${row.description}` : ''}\n${row.children ? outline(row.children, indent + '  ') : ''}`,
    )
    .join('');
}
