import * as vscode from 'vscode';
import type { RequestLogEntry } from '../qlik';
import { describeProblem, problemLogLine } from './problem';
import { inert, TEXT_LIMITS } from './text';

/**
 * The "Qlik Cloud Keys" log: one line per request and every error. Anything that looks like a registered
 * secret is masked before it is written, as a second line of defence (the client never hands us a token).
 */
export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();
  private readonly wroteEmitter = new vscode.EventEmitter<string>();
  /** Each line as it was written (masked, inert), after its level: "info [component] message". */
  readonly onDidWrite = this.wroteEmitter.event;

  constructor(name = 'Qlik Cloud Keys') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** A secret to mask should it ever reach a log line. */
  addSecret(secret: string | undefined): void {
    if (secret && secret.length >= 6) this.secrets.add(secret);
  }

  info(component: string, message: string): void {
    this.write('info', component, message);
  }

  warn(component: string, message: string): void {
    this.write('warn', component, message);
  }

  error(component: string, message: string, error?: unknown): void {
    this.write('error', component, error === undefined ? message : `${message}: ${describeError(error)}`);
  }

  request(tenant: string, entry: RequestLogEntry): void {
    const status = entry.status ?? entry.error ?? 'no answer';
    const retries = entry.retries > 0 ? ` retries=${entry.retries}` : '';
    const line = `${entry.method} ${entry.path} ${status} ${entry.ms}ms${retries}`;
    const failed = entry.error !== undefined || (entry.status !== undefined && entry.status >= 400);
    this.write(failed ? 'warn' : 'info', `http ${tenant}`, line);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.wroteEmitter.dispose();
    this.channel.dispose();
  }

  private write(level: 'info' | 'warn' | 'error', component: string, message: string): void {
    // Masked first (a cut could split a secret), then inert: no control character can forge a line or colour it.
    const text = inert(`[${component}] ${this.mask(message)}`, TEXT_LIMITS.log);
    this.channel[level](text);
    this.wroteEmitter.fire(`${level} ${text}`);
  }

  private mask(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join('***');
    }
    return out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1***');
  }
}

/** One line about an error for the log: the request, status, code and what the service said, then the sentence; never a stack. */
export function describeError(error: unknown): string {
  return problemLogLine(describeProblem(error));
}
