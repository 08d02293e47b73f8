// An accessibility scan (axe-core, zero violations; contrast is left to the end-to-end scan) of the
// whole app on the live meeting screen: planned (ids unique), with the server's finish problems,
// with a save failing, the referral form showing errors and a removal being confirmed, and finished.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type { TsmView } from '../../../api';
import App from '../../../App.svelte';
import { router } from '../../../lib/router.svelte';
import { axeViolations } from '../../../test/axe';
import { fail, serve, type Handlers } from '../../../test/commands';
import { dashboard, status } from '../../../test/fixtures';
import { MEETING_ID, tsmView } from './fixtures';

vi.mock('../../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../api')>()),
  call: vi.fn(),
}));

function el<T extends HTMLElement = HTMLInputElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element as T;
}

describe('accessibility of the live meeting screen', () => {
  async function openInApp(view: TsmView, handlers: Handlers = {}) {
    serve({ app_status: () => status(), dashboard: () => dashboard([]), tsm_get: () => view, ...handlers });
    render(App);
    await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
    flushSync(() => router.go({ name: 'meeting', id: MEETING_ID }));
    await screen.findByRole('heading', { level: 1, name: 'Demo Brook Primary: Targeting Support Meeting' });
  }

  it('finds no axe violations on a planned meeting, with ids unique, and with problems shown', async () => {
    const problems = [{ place: { at: 'meeting' as const }, message: 'Give the meeting a date' }];
    await openInApp(tsmView({ problems }), {
      tsm_finish: () => fail({ kind: 'incomplete', message: 'x', problems }),
    });
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(await axeViolations()).toEqual([]);
    await userEvent.click(el('finish-meeting'));
    await within(await screen.findByRole('alert')).findByRole('link', { name: 'Give the meeting a date' });
    expect(await axeViolations()).toEqual([]);
  }, 30_000);

  it('finds no axe violations with a save failing, the referral form open and a removal being confirmed', async () => {
    await openInApp(tsmView(), {
      tsm_pupil_update: () =>
        fail({
          kind: 'validation',
          message: 'Keep this to 4000 characters',
          fields: [{ field: 'note', message: 'Keep this to 4000 characters' }],
        }),
      tsm_refer: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'date_of_birth', message: "Enter the pupil's date of birth to refer them" }],
        }),
    });
    await userEvent.type(el('discussion-1-notes'), '!');
    await userEvent.tab();
    await screen.findByText('Not saved: Keep this to 4000 characters');
    await userEvent.click(screen.getByText('Refer to your caseload', { selector: 'span' }));
    await userEvent.click(el('refer-2-submit'));
    await screen.findAllByText("Enter the pupil's date of birth to refer them");
    await userEvent.click(el('discussion-2-remove'));
    expect(await axeViolations()).toEqual([]);
  }, 30_000);

  it('finds no axe violations on a finished meeting', async () => {
    await openInApp(tsmView({ status: 'finished' }));
    expect(await axeViolations()).toEqual([]);
  }, 30_000);
});
