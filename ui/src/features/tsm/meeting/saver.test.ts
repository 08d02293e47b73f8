// The save queue behind the live meeting: typing is debounced per entity, a blur sends at once, an
// entity never has two saves in flight, only its latest change is sent after one returns, a
// failure keeps the change and is retried, and `pending` counts what is not saved yet.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandError } from '../../../api';
import { Saver } from './saver.svelte';

type Deferred = { resolve: () => void; reject: (e: unknown) => void };

/** A fake backend: records each value sent and lets the test decide when each save returns. */
function backend() {
  const sent: string[] = [];
  const inFlight: Deferred[] = [];
  const task = (value: string) => () =>
    new Promise<void>((resolve, reject) => {
      sent.push(value);
      inFlight.push({ resolve, reject });
    });
  return { sent, inFlight, task };
}

const storageError = new CommandError({ kind: 'storage', message: 'The disk is full' });

async function settle() {
  await vi.advanceTimersByTimeAsync(0);
}

describe('the save queue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends typed changes once, the delay after the last keystroke, with the latest value', async () => {
    const saver = new Saver({ delay: 400 });
    const { sent, task } = backend();
    saver.change('pupil-1', task('F'));
    await vi.advanceTimersByTimeAsync(300);
    saver.change('pupil-1', task('Fi'));
    await vi.advanceTimersByTimeAsync(300);
    saver.change('pupil-1', task('Fin'));
    await vi.advanceTimersByTimeAsync(399);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['Fin']);
  });

  it('debounces each entity on its own', async () => {
    const saver = new Saver({ delay: 400 });
    const { sent, task } = backend();
    saver.change('pupil-1', task('notes'));
    saver.change('action-7', task('what'));
    await vi.advanceTimersByTimeAsync(400);
    expect(sent.sort()).toEqual(['notes', 'what']);
  });

  it('sends a waiting change at once when the field loses focus, and not again when the timer would have fired', async () => {
    const saver = new Saver({ delay: 400 });
    const { sent, inFlight, task } = backend();
    saver.change('pupil-1', task('typed'));
    void saver.flush('pupil-1');
    await settle();
    expect(sent).toEqual(['typed']);
    inFlight[0].resolve();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['typed']);
    expect(saver.pending).toBe(0);
  });

  it('never has two saves of one entity in flight, and sends only the latest change after the first returns', async () => {
    const saver = new Saver({ delay: 400 });
    const { sent, inFlight, task } = backend();
    void saver.now('pupil-1', task('one'));
    await settle();
    saver.change('pupil-1', task('two'));
    saver.change('pupil-1', task('three'));
    await vi.advanceTimersByTimeAsync(400);
    void saver.now('pupil-1', task('four'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['one']);

    inFlight[0].resolve();
    await settle();
    expect(sent).toEqual(['one', 'four']);
    inFlight[1].resolve();
    await settle();
    expect(saver.pending).toBe(0);
  });

  it('lets different entities save at the same time', async () => {
    const saver = new Saver();
    const { sent, task } = backend();
    void saver.now('pupil-1', task('pupil'));
    void saver.now('attendees', task('attendees'));
    await settle();
    expect(sent).toEqual(['pupil', 'attendees']);
  });

  it('counts entities with a change waiting, in flight or failed', async () => {
    const saver = new Saver({ delay: 400, retryDelay: 0 });
    const { inFlight, task } = backend();
    expect(saver.pending).toBe(0);
    saver.change('pupil-1', task('a'));
    saver.change('pupil-1', task('ab'));
    saver.change('action-2', task('b'));
    expect(saver.pending).toBe(2);
    await vi.advanceTimersByTimeAsync(400);
    expect(saver.pending).toBe(2);
    inFlight[0].resolve();
    await settle();
    expect(saver.pending).toBe(1);
    inFlight[1].reject(storageError);
    await settle();
    expect(saver.pending).toBe(1);
    expect(saver.dirty('action-2')).toBe(true);
    expect(saver.dirty('pupil-1')).toBe(false);
  });

  it('keeps a failed change, reports the failure, and sends it again on retry', async () => {
    const saver = new Saver({ retryDelay: 0 });
    const { sent, inFlight, task } = backend();
    void saver.now('pupil-1', task('kept'));
    await settle();
    inFlight[0].reject(storageError);
    await settle();
    expect(saver.failure?.message).toBe('The disk is full');
    expect(saver.failures['pupil-1']?.kind).toBe('storage');
    expect(saver.pending).toBe(1);

    void saver.retry();
    await settle();
    expect(sent).toEqual(['kept', 'kept']);
    inFlight[1].resolve();
    await settle();
    expect(saver.failure).toBeNull();
    expect(saver.pending).toBe(0);
  });

  it('tries a failed save again on its own after the retry delay', async () => {
    const saver = new Saver({ retryDelay: 5000 });
    const { sent, inFlight, task } = backend();
    void saver.now('attendees', task('list'));
    await settle();
    inFlight[0].reject(storageError);
    await vi.advanceTimersByTimeAsync(4999);
    expect(sent).toEqual(['list']);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['list', 'list']);
    inFlight[1].resolve();
    await settle();
    expect(saver.failure).toBeNull();
  });

  it('does not retry on its own a change the server refused as invalid, until the worker changes it', async () => {
    const saver = new Saver({ retryDelay: 5000 });
    const { sent, inFlight, task } = backend();
    void saver.now('date', task('2027-01-05'));
    await settle();
    inFlight[0].reject(new CommandError({ kind: 'validation', message: 'x', fields: [] }));
    await vi.advanceTimersByTimeAsync(20000);
    expect(sent).toEqual(['2027-01-05']);
    expect(saver.failure?.kind).toBe('validation');

    void saver.now('date', task('2026-11-24'));
    await settle();
    inFlight[1].resolve();
    await settle();
    expect(sent).toEqual(['2027-01-05', '2026-11-24']);
    expect(saver.failure).toBeNull();
  });

  it('sends a newer change made while a failing save was in flight, rather than the failed one', async () => {
    const saver = new Saver({ delay: 400, retryDelay: 0 });
    const { sent, inFlight, task } = backend();
    void saver.now('pupil-1', task('old'));
    await settle();
    saver.change('pupil-1', task('new'));
    inFlight[0].reject(storageError);
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual(['old', 'new']);
    inFlight[1].resolve();
    await settle();
    expect(saver.failure).toBeNull();
    expect(saver.pending).toBe(0);
  });

  it('sends everything waiting when flushed, and resolves once all have returned', async () => {
    const saver = new Saver({ delay: 400 });
    const { sent, inFlight, task } = backend();
    saver.change('pupil-1', task('notes'));
    saver.change('action-2', task('what'));
    let done = false;
    void saver.flushAll().then(() => (done = true));
    await settle();
    expect(sent).toEqual(['notes', 'what']);
    expect(done).toBe(false);
    inFlight.forEach((d) => d.resolve());
    await settle();
    expect(done).toBe(true);
    expect(saver.pending).toBe(0);
  });

  it('counts a tracked change (a pupil or action added) as pending while it is in flight', async () => {
    const saver = new Saver();
    let finish: () => void = () => {};
    const added = saver.track(new Promise<void>((resolve) => (finish = resolve)));
    expect(saver.pending).toBe(1);
    finish();
    await added;
    expect(saver.pending).toBe(0);
  });

  it('drops the waiting change and failure of an entity that is forgotten (removed)', async () => {
    const saver = new Saver({ delay: 400 });
    const { sent, task } = backend();
    saver.change('action-2', task('what'));
    saver.forget('action-2');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([]);
    expect(saver.pending).toBe(0);
  });
});
