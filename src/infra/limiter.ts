// A small concurrency gate for background work that must not crowd out the rest.

/** Runs at most `n` tasks at once; the rest wait their turn, in order. */
export class Limiter {
  private running = 0;
  private waiting: (() => void)[] = [];
  constructor(private readonly n: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.n) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
