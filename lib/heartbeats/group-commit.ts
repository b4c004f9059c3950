type Pending<I, O> = { input: I; resolve: (value: O) => void; reject: (error: unknown) => void };

export type GroupCommitOptions = {
  /** Most items written by one call of `write`. */
  maxBatch: number;
  /** Most calls of `write` running at once; what arrives meanwhile waits and goes in the next batch. */
  maxInFlight: number;
  /**
   * A write running longer than this stops counting against `maxInFlight`, so one stalled statement
   * (a stuck connection) holds up only its own batch, not every item after it. Default 2 s.
   */
  stallMs?: number;
};

/**
 * Group commit: items submitted while `maxInFlight` writes are running wait and are then written
 * together, at most `maxBatch` at a time. When a write slot is free an item goes out at once
 * (after the I/O callbacks of the current event-loop turn, so that requests read in the same turn
 * share it), so batching adds no waiting at low load and grows only with the load itself.
 * `write` returns one output per input, in order; if it throws, every item of that batch is
 * rejected with the error.
 */
export class GroupCommit<I, O> {
  private readonly queue: Pending<I, O>[] = [];
  /** Writes running and not yet counted as stalled. */
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly write: (inputs: I[]) => Promise<O[]>,
    private readonly opts: GroupCommitOptions,
  ) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.scheduled && this.inFlight < this.opts.maxInFlight) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.opts.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.inFlight++;
      void this.run(batch);
    }
  }

  private async run(batch: Pending<I, O>[]): Promise<void> {
    let counted = true;
    const stalled = setTimeout(() => {
      counted = false;
      this.inFlight--;
      this.pump();
    }, this.opts.stallMs ?? 2_000);
    stalled.unref?.();
    try {
      const outputs = await this.write(batch.map((p) => p.input));
      batch.forEach((p, i) => {
        p.resolve(outputs[i] as O);
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      clearTimeout(stalled);
      if (counted) {
        this.inFlight--;
        this.pump();
      }
    }
  }
}
