// Lets a test wait on a fake server: every call the fake answers (or holds) wakes the waiters
// to check their condition again, so a wait ends as soon as what it waits for has happened.

/** What a truthy check result can be: the value a wait resolves with. */
export type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

export class CallWaiters {
  private readonly wakers = new Set<() => void>();

  /** Something happened: every waiter checks its condition again. */
  notify(): void {
    for (const wake of [...this.wakers]) wake();
  }

  /** Resolves with the first truthy result of `check`; rejects with `timeoutMessage()` after timeoutMs. */
  until<T>(check: () => T, timeoutMs: number, timeoutMessage: () => string): Promise<Truthy<T>> {
    return new Promise<Truthy<T>>((resolve, reject) => {
      const attempt = (): void => {
        try {
          const result = check();
          if (!result) return;
          stop();
          resolve(result as Truthy<T>);
        } catch (err) {
          stop();
          reject(err);
        }
      };
      const deadline = setTimeout(() => {
        stop();
        reject(new Error(timeoutMessage()));
      }, timeoutMs);
      const stop = (): void => {
        clearTimeout(deadline);
        this.wakers.delete(attempt);
      };
      this.wakers.add(attempt);
      attempt();
    });
  }
}
