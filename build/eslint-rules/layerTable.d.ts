// Types for layerTable.js, which ESLint loads as plain JavaScript and the architecture test imports.
export interface Layer {
  imports: string[];
  vscode: boolean;
}
export const LAYERS: Record<string, Layer>;
export const PURE: string[];
export const COMMANDS_SHARED: string[];
export function isBrowser(module: string): boolean;
export function folderOf(module: string): string;
export function resolveModule(from: string, specifier: string): string | undefined;
export function layerProblem(from: string, to: string, typeOnly?: boolean): string | undefined;
