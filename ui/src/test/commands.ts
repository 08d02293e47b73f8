// Test double for the api module: test files `vi.mock` src/api so `call` is a vi.fn, then `serve`
// answers each command from a handler (a command with no handler fails the test loudly).
import { vi } from 'vitest';
import { call, CommandError, type AppError, type Commands } from '../api';

export type Handlers = {
  [K in keyof Commands]?: (
    request: Commands[K]['request'],
  ) => Commands[K]['response'] | Promise<Commands[K]['response']>;
};

export function serve(handlers: Handlers): void {
  vi.mocked(call).mockImplementation(async (name, request) => {
    const handler = handlers[name] as ((request: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`test did not expect the command "${name}"`);
    return (await handler(request)) as never;
  });
}

/** Makes a handler reject the way `call` does when the backend returns an AppError. */
export function fail(error: AppError): never {
  throw new CommandError(error);
}

/** The requests sent for one command, in order. */
export function requestsFor<K extends keyof Commands>(name: K): Commands[K]['request'][] {
  return vi
    .mocked(call)
    .mock.calls.filter(([called]) => called === name)
    .map(([, request]) => request as Commands[K]['request']);
}

/** A promise the test settles when it chooses: for answers that arrive late or out of order. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
