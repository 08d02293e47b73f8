// The two helpers every screen uses instead of its own try/catch: Resource for what it loads, and
// FormSubmission for what the worker does.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { CommandError } from '../api';
import { FormSubmission } from './form.svelte';
import { Resource } from './resource.svelte';
import { router } from './router.svelte';
import { deferred } from '../test/commands';

const storage = new CommandError({ kind: 'storage', message: 'The store could not be read.' });

describe('Resource', () => {
  beforeEach(() => router.go({ name: 'caseload' }));

  it('asks at once, then holds the answer and no error', async () => {
    const resource = new Resource(async () => 42);
    expect(resource.loading).toBe(true);
    expect(resource.pending).toBe(true);
    await vi.waitFor(() => expect(resource.value).toBe(42));
    expect(resource.error).toBeNull();
    expect(resource.loading).toBe(false);
    expect(resource.pending).toBe(false);
  });

  it('waits for the first refetch when told not to load', async () => {
    const fetch = vi.fn(async () => 'x');
    const resource = new Resource(fetch, { load: false });
    expect(fetch).not.toHaveBeenCalled();
    await resource.refetch();
    expect(resource.value).toBe('x');
  });

  it('keeps the last value when a later ask fails, and shows the server’s message', async () => {
    let fail = false;
    const resource = new Resource(async () => {
      if (fail) throw storage;
      return 'first';
    });
    await vi.waitFor(() => expect(resource.value).toBe('first'));
    fail = true;
    await resource.refetch();
    expect(resource.value).toBe('first');
    expect(resource.message).toBe('The store could not be read.');
    expect(resource.summary).toEqual([{ text: 'The store could not be read.' }]);
    fail = false;
    await resource.refetch();
    expect(resource.error).toBeNull();
  });

  it('ignores an older answer that arrives after a newer one', async () => {
    const slow = deferred<string>();
    const fast = deferred<string>();
    const resource = new Resource(async () => 'unused', { load: false });
    const first = resource.refetch(() => slow.promise);
    const second = resource.refetch(() => fast.promise);
    fast.resolve('newer');
    await second;
    slow.resolve('older');
    await first;
    expect(resource.value).toBe('newer');
    expect(resource.loading).toBe(false);
  });

  it('ignores an older failure that arrives after a newer answer', async () => {
    const slow = deferred<string>();
    const resource = new Resource(async () => 'unused', { load: false });
    const first = resource.refetch(() => slow.promise);
    await resource.refetch(async () => 'newer');
    slow.reject(storage);
    await first;
    expect(resource.value).toBe('newer');
    expect(resource.error).toBeNull();
  });

  it('keeps a value set from a later command over a load that started before it', async () => {
    const slow = deferred<string>();
    const resource = new Resource(() => slow.promise);
    resource.set('saved');
    slow.resolve('stale');
    await slow.promise;
    await Promise.resolve();
    expect(resource.value).toBe('saved');
    expect(resource.loading).toBe(false);
  });

  it('forgets value and error on clear', async () => {
    const resource = new Resource(async () => 1);
    await vi.waitFor(() => expect(resource.value).toBe(1));
    resource.clear();
    expect(resource.value).toBeNull();
    expect(resource.pending).toBe(true);
  });

  it('sends the worker to unlock when the store is locked, showing no error', async () => {
    const resource = new Resource(async () => {
      throw new CommandError({ kind: 'locked', message: 'Caseload is locked.' });
    });
    await vi.waitFor(() => expect(router.route.name).toBe('unlock'));
    flushSync();
    expect(resource.error).toBeNull();
  });
});

describe('FormSubmission.run with work of its own', () => {
  it('runs one button’s work, places its error, and clears it on the next success', async () => {
    const action = new FormSubmission();
    await action.run(async () => {
      throw storage;
    });
    expect(action.errors.items).toEqual([{ text: 'The store could not be read.' }]);
    await action.run(async () => {});
    expect(action.errors.items).toEqual([]);
  });

  it('runs nothing while busy', async () => {
    const action = new FormSubmission();
    const gate = deferred<void>();
    const second = vi.fn(async () => {});
    const first = action.run(() => gate.promise);
    await action.run(second);
    expect(second).not.toHaveBeenCalled();
    gate.resolve();
    await first;
    expect(action.busy).toBe(false);
  });
});

describe('FormSubmission refusals and errors of its own', () => {
  it('shows the errors work resolves to when it refuses without a command failing', async () => {
    const action = new FormSubmission();
    const refusal = { items: [{ text: 'A change is not saved yet.' }], fields: {} };
    await action.run(async () => refusal);
    expect(action.errors).toEqual(refusal);
    await action.run(async () => {});
    expect(action.errors.items).toEqual([]);
  });

  it('lets `explain` place an error the field placement cannot, and leaves the rest to it', async () => {
    const action = new FormSubmission(undefined, {
      explain: (error) =>
        error.kind === 'conflict' ? { items: [{ text: error.message, href: '#somewhere' }], fields: {} } : null,
    });
    await action.run(async () => {
      throw new CommandError({ kind: 'conflict', message: 'Already planned.' });
    });
    expect(action.errors.items).toEqual([{ text: 'Already planned.', href: '#somewhere' }]);
    await action.run(async () => {
      throw storage;
    });
    expect(action.errors.items).toEqual([{ text: 'The store could not be read.' }]);
  });

  it('still sends the worker to unlock rather than explaining a locked store', async () => {
    router.go({ name: 'caseload' });
    const explain = vi.fn(() => ({ items: [{ text: 'never shown' }], fields: {} }));
    const action = new FormSubmission(undefined, { explain });
    await action.run(async () => {
      throw new CommandError({ kind: 'locked', message: 'Caseload is locked.' });
    });
    expect(router.route.name).toBe('unlock');
    expect(explain).not.toHaveBeenCalled();
    expect(action.errors.items).toEqual([]);
  });
});
