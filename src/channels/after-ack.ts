// Webhook work that runs after the HTTP acknowledgement: Telegram and Zalo both want a fast
// 200, then the update is handled. Failures are logged, never thrown; `drain` waits for what
// is still running (on shutdown and in tests).

export interface AfterAck {
  /** Runs `task` soon; `onError` logs its failure; `settled` (optional) is called once it ends either way. */
  run(task: () => Promise<unknown>, onError: (err: unknown) => void, settled?: () => void): void;
  drain(): Promise<void>;
  /** Tasks started and not yet ended. */
  readonly size: number;
}

export function afterAck(): AfterAck {
  const inFlight = new Set<Promise<void>>();
  return {
    run(task, onError, settled) {
      // setImmediate: acknowledgements of requests already waiting go out before this handling.
      const handling: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(task)
        .then(() => undefined, onError)
        .finally(() => {
          inFlight.delete(handling);
          settled?.();
        });
      inFlight.add(handling);
    },
    async drain() {
      // Work acknowledged while draining is waited for too.
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    get size() {
      return inFlight.size;
    },
  };
}
