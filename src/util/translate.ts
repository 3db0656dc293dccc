// Pure helpers take a translate function so that they run in plain Node (unit tests) and in VS Code (vscode.l10n.t).
export type Translate = (message: string, ...args: Array<string | number>) => string;

/** Substitutes {0}, {1}… like vscode.l10n.t does, without translating. For unit tests and pure callers. */
export const identityTranslate: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
