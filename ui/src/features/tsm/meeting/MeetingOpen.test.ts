// Opening the live meeting (tsm_get): while it is on its way the screen says so; when it cannot be
// had the screen says why and offers "Try again", which says it is opening again while it asks;
// a locked store sends the worker to unlock instead.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TsmView } from '../../../api';
import { router } from '../../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../../test/commands';
import Meeting from '../Meeting.svelte';
import { MEETING_ID, tsmView } from './fixtures';

vi.mock('../../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../api')>()),
  call: vi.fn(),
}));

const TITLE = 'Demo Brook Primary: Targeting Support Meeting';

describe('opening the live meeting', () => {
  beforeEach(() => router.go({ name: 'meeting', id: MEETING_ID }));

  it('says it cannot be opened and why, then opens it on “Try again”', async () => {
    let answer!: (view: TsmView) => void;
    const asks = [
      () => fail({ kind: 'storage', message: 'The meeting could not be read' }),
      () => new Promise<TsmView>((resolve) => (answer = resolve)),
    ];
    serve({ tsm_get: () => asks.shift()!() });
    render(Meeting, { id: MEETING_ID });
    expect(screen.getByRole('heading', { level: 1, name: 'Opening the meeting' })).toBeInTheDocument();

    expect(
      await screen.findByRole('heading', { level: 1, name: 'The meeting could not be opened' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The meeting could not be read');
    expect(document.querySelector('.govuk-error-summary')).toHaveFocus();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Opening the meeting' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    answer(tsmView());
    expect(await screen.findByRole('heading', { level: 1, name: TITLE })).toBeInTheDocument();
    expect(requestsFor('tsm_get')).toEqual([{ id: MEETING_ID }, { id: MEETING_ID }]);
  });

  it('says why again when “Try again” fails too', async () => {
    serve({ tsm_get: () => fail({ kind: 'not_found', message: 'No meeting with that id', id: MEETING_ID }) });
    render(Meeting, { id: MEETING_ID });
    await screen.findByRole('heading', { level: 1, name: 'The meeting could not be opened' });
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No meeting with that id');
    expect(screen.getByRole('heading', { level: 1, name: 'The meeting could not be opened' })).toBeInTheDocument();
    expect(requestsFor('tsm_get')).toHaveLength(2);
  });

  it('sends the worker to unlock when the store is locked, showing no error', async () => {
    serve({ tsm_get: () => fail({ kind: 'locked', message: 'Caseload is locked.' }) });
    render(Meeting, { id: MEETING_ID });
    await vi.waitFor(() => expect(router.route.name).toBe('unlock'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText('The meeting could not be opened')).not.toBeInTheDocument();
  });
});
