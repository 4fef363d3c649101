/**
 * A serial queue for `tabs.captureVisibleTab`. Chrome allows two calls per rolling second and failed
 * calls count too (TOOLCHAIN.md), so every attempt starts at least `spacingMs` after the previous one.
 * A refused attempt is retried with backoff; after the last attempt the job's promise rejects, so the
 * caller records the failure — nothing is dropped silently. Only attempts are serialised: a job backing
 * off (e.g. its tab is not the visible one) lets the jobs behind it run meanwhile.
 */
export interface QueueOptions {
  spacingMs?: number;
  attempts?: number;
  backoffMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class CaptureQueue {
  private readonly spacingMs: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private lastStart = -Infinity;
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(opts: QueueOptions = {}) {
    this.spacingMs = opts.spacingMs ?? 550;
    this.attempts = opts.attempts ?? 4;
    this.backoffMs = opts.backoffMs ?? 700;
    this.now = opts.now ?? (() => Date.now());
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  get pending(): number {
    return this.waiting;
  }

  /** Runs `job` when its turn comes; `job(attempt)` is called once per attempt. */
  enqueue<T>(job: (attempt: number) => Promise<T>): Promise<T> {
    this.waiting++;
    const run = this.runWithRetry(job);
    void run.catch(() => undefined).finally(() => this.waiting--);
    return run;
  }

  private async runWithRetry<T>(job: (attempt: number) => Promise<T>): Promise<T> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      try {
        return await this.turn(() => job(attempt));
      } catch (e) {
        lastError = e;
        if (e instanceof PermanentCaptureError) break;
        // Back off outside the queue: a job that cannot run yet (its tab is hidden, the rate limit
        // hit) must not hold up the captures behind it; its retry queues up again after them.
        if (attempt < this.attempts) await this.sleep(this.backoffMs * attempt);
      }
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }

  /** One attempt, serialised with all others and started at least `spacingMs` after the previous one. */
  private turn<T>(attempt: () => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => {
      const wait = this.lastStart + this.spacingMs - this.now();
      if (wait > 0) await this.sleep(wait);
      this.lastStart = this.now();
      return attempt();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/** A failure that retrying cannot fix (no permission, tab closed). */
export class PermanentCaptureError extends Error {}
