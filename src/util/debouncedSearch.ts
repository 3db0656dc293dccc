// Typing searches: a search starts once typing pauses, and a newer search cancels the one still running. No vscode.

export interface SearchCallbacks<R> {
  /** The answer of the newest search (an older one that comes late is dropped). */
  results(value: R, text: string): void;
  /** Whether a search is running (the quick pick's busy indicator). */
  busy(on: boolean): void;
}

export class DebouncedSearch<R> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: AbortController | undefined;
  private generation = 0;

  constructor(
    private readonly search: (text: string, signal: AbortSignal) => Promise<R>,
    private readonly callbacks: SearchCallbacks<R>,
    private readonly delayMs = 300,
  ) {}

  /** The text changed: the pending search waits again, the running one is cancelled. */
  typed(text: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.cancelRunning();
    const generation = ++this.generation;
    this.timer = setTimeout(() => void this.run(text, generation), this.delayMs);
  }

  private async run(text: string, generation: number): Promise<void> {
    this.timer = undefined;
    const controller = new AbortController();
    this.running = controller;
    this.callbacks.busy(true);
    try {
      const value = await this.search(text, controller.signal);
      if (generation === this.generation && !controller.signal.aborted) this.callbacks.results(value, text);
    } catch {
      // The search turns its own failures into results; a cancelled one has nothing to say.
    } finally {
      if (this.running === controller) {
        this.running = undefined;
        this.callbacks.busy(false);
      }
    }
  }

  private cancelRunning(): void {
    this.running?.abort();
    this.running = undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
    this.cancelRunning();
  }
}
