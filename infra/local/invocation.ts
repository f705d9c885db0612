import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which function's code is running. On AWS each handler is its own Lambda with its own role; the embedded
 * hosting runs them all in one process, so it carries the name along the call instead (`api/<module>`,
 * `steps/<module>`) for what must know it: the write footprint that checks the roles' grants, and the
 * bench's meter, which counts invocations and their durations as Lambda would bill them.
 */
export interface Invocation {
  fn: string;
}

export const currentInvocation = new AsyncLocalStorage<Invocation>();

/** Told of every invocation once it ended (the bench and `npm run cost` count with it); none by default. */
export const invocationObservers = new Set<(fn: string, ms: number) => void>();

export async function asFunction<T>(fn: string, work: () => Promise<T>): Promise<T> {
  if (invocationObservers.size === 0) return currentInvocation.run({ fn }, work);
  const start = performance.now();
  try {
    return await currentInvocation.run({ fn }, work);
  } finally {
    const ms = performance.now() - start;
    for (const observe of invocationObservers) observe(fn, ms);
  }
}
