// Asks the backend for the visible window: requests are debounced while the user zooms
// or pans, and an answer that arrives after a newer request was sent is thrown away.

export interface LatestLoader<Q> {
  /** Ask for `query` after the debounce delay, replacing any request not yet sent. */
  request(query: Q): void;
  /** Ask for `query` now. */
  requestNow(query: Q): void;
  cancel(): void;
  /** True while a request waits for its delay or for its answer. */
  waiting(): boolean;
}

export interface LoaderCallbacks<Q, R> {
  onResult(result: R, query: Q): void;
  onError(error: unknown, query: Q): void;
}

export function createLatestLoader<Q, R>(
  fetch: (query: Q) => Promise<R>,
  callbacks: LoaderCallbacks<Q, R>,
  delayMs = 60,
): LatestLoader<Q> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  let answered = 0;

  const run = async (query: Q): Promise<void> => {
    const mine = ++sequence;
    try {
      const result = await fetch(query);
      if (mine === sequence) {
        answered = mine;
        callbacks.onResult(result, query);
      }
    } catch (error) {
      if (mine === sequence) {
        answered = mine;
        callbacks.onError(error, query);
      }
    }
  };

  const clear = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  return {
    request(query) {
      clear();
      timer = setTimeout(() => {
        timer = undefined;
        void run(query);
      }, delayMs);
    },
    requestNow(query) {
      clear();
      void run(query);
    },
    cancel() {
      clear();
      answered = ++sequence;
    },
    waiting() {
      return timer !== undefined || answered !== sequence;
    },
  };
}
