// Helpers the live meeting's test files share: open the screen on a TsmView, find an element by
// id, type with the save delay's clock, and read or type the day, month and year boxes of a date.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import type { TsmView } from '../../../api';
import { serve, type Handlers } from '../../../test/commands';
import Meeting from '../Meeting.svelte';
import { MEETING_ID, tsmView } from './fixtures';

export function el<T extends HTMLElement = HTMLInputElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element as T;
}

export async function openMeeting(view: TsmView = tsmView(), handlers: Handlers = {}) {
  serve({ tsm_get: () => view, ...handlers });
  render(Meeting, { id: MEETING_ID });
  await screen.findByRole('heading', { level: 1, name: 'Demo Brook Primary: Targeting Support Meeting' });
}

/** Fake timers for the save delay only; userEvent moves them on as it types. */
export function typingClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  return userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
}

/** What the day, month and year boxes of a date hold. */
export function dateBoxes(prefix: string): string[] {
  return ['day', 'month', 'year'].map((part) => el(`${prefix}-${part}`).value);
}

/** Types a date into the day, month and year boxes, then leaves them. */
export async function typeDate(prefix: string, day: string, month: string, year: string) {
  for (const [part, value] of [
    ['day', day],
    ['month', month],
    ['year', year],
  ] as const) {
    await userEvent.clear(el(`${prefix}-${part}`));
    if (value) await userEvent.type(el(`${prefix}-${part}`), value);
  }
  await userEvent.tab();
}

export function pending() {
  return el('save-status').getAttribute('data-pending');
}
