import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which function's code is running. On AWS each handler is its own Lambda with its own role; the embedded
 * hosting runs them all in one process, so it carries the name along the call instead (`api/<module>`,
 * `steps/<module>`) for what must know it: the write footprint that checks the roles' grants.
 */
export interface Invocation {
  fn: string;
}

export const currentInvocation = new AsyncLocalStorage<Invocation>();

export function asFunction<T>(fn: string, work: () => Promise<T>): Promise<T> {
  return currentInvocation.run({ fn }, work);
}
