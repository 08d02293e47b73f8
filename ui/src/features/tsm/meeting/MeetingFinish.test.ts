// Finishing the live meeting (tsm_finish) and its record: what stops it being finished, a change
// not yet saved, the finished meeting shown read-only as text, and the record saved where the
// worker chooses in the backend's save dialog (no path is sent), then opened or shown in its folder.
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CommandError, openSavedFile, revealSavedFile } from '../../../api';
import { fail, requestsFor } from '../../../test/commands';
import { aid, discussion, MEETING_ID, tsmView } from './fixtures';
import { el, openMeeting } from './testing';

vi.mock('../../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../api')>()),
  call: vi.fn(),
  openSavedFile: vi.fn(),
  revealSavedFile: vi.fn(),
}));

describe('the live meeting screen', () => {
  it('lists what stops the meeting being finished, and shows the server’s problems when finishing fails', async () => {
    const problems = [
      { place: { at: 'attendees' as const }, message: 'Give every attendee’s role' },
      {
        place: { at: 'action' as const, id: aid(12) },
        message: 'An action for Pupil Synthetic-Two needs what was agreed',
      },
    ];
    await openMeeting(tsmView({ problems }), {
      tsm_finish: () =>
        fail({ kind: 'incomplete', message: 'The meeting cannot be finished yet: 2 things to complete', problems }),
    });
    const list = within(el('finish-problems'));
    await userEvent.click(list.getByRole('link', { name: 'An action for Pupil Synthetic-Two needs what was agreed' }));
    expect(el('action-12-what')).toHaveFocus();

    await userEvent.click(el('finish-meeting'));
    expect(requestsFor('tsm_finish')).toEqual([{ id: MEETING_ID }]);
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Give every attendee’s role' })).toHaveAttribute(
      'href',
      '#add-attendee',
    );
    expect(within(summary).getByRole('link', { name: /needs what was agreed/ })).toHaveAttribute(
      'href',
      '#action-12-what',
    );
  });

  it('does not finish the meeting while a change cannot be saved', async () => {
    await openMeeting(tsmView(), {
      tsm_pupil_update: () => fail({ kind: 'storage', message: 'The caseload could not be written' }),
      tsm_finish: () => tsmView({ status: 'finished' }),
    });
    await userEvent.type(el('discussion-1-notes'), '!');
    await userEvent.click(el('finish-meeting'));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent(
      'A change is not saved yet (The caseload could not be written). Save it, then finish the meeting.',
    );
    expect(requestsFor('tsm_finish')).toEqual([]);
    expect(el('discussion-1-notes')).toHaveValue('Finds mornings hard.!');
  });

  it('finishes the meeting, says so and shows it read-only', async () => {
    await openMeeting(tsmView(), { tsm_finish: () => tsmView({ status: 'finished' }) });
    await userEvent.click(el('finish-meeting'));
    await waitFor(() => expect(el('meeting-finished')).toHaveFocus());
    expect(el('meeting-finished')).toHaveTextContent('Meeting finished');
    // Only a pupil not yet on the caseload can still be referred from a finished meeting.
    const fields = Array.from(document.querySelectorAll('input, textarea, select'));
    expect(fields.every((f) => f.closest('[id^="refer-"]'))).toBe(true);
  });

  it('shows a finished meeting as text, with only the record to save', async () => {
    await openMeeting(
      tsmView({
        status: 'finished',
        carried: [{ ...tsmView().carried[0], review_here: { outcome: 'carried', on: '2026-11-23' } }],
        discussions: [discussion({ in_chronology: true }), tsmView().discussions[1]],
      }),
    );
    expect(el('meeting-status')).toHaveTextContent('Held');
    expect(el('meeting-date')).toHaveTextContent('Held on 23 November 2026');
    // Only a pupil not yet on the caseload can still be referred from a finished meeting.
    const fields = Array.from(document.querySelectorAll('input, textarea, select'));
    expect(fields.every((f) => f.closest('[id^="refer-"]'))).toBe(true);
    expect(
      screen
        .getAllByRole('button')
        .map((b) => b.id)
        .filter((b) => !b.startsWith('refer-')),
    ).toEqual(['record-pdf', 'record-docx']);
    expect(el('discussion-1-notes')).toHaveTextContent('Finds mornings hard.');
    expect(el('discussion-1-chronology')).toHaveTextContent('In chronology');
    expect(el('carried-5-review')).toHaveTextContent('Carried forward on 23 November 2026');
    expect(el('action-11-what')).toHaveTextContent('Weekly check-in with the learning mentor');
    expect(document.getElementById('finish')).toBeNull();
    expect(document.getElementById('record-draft')).toBeNull();
  });

  it('saves the record (the backend asks where), and offers to open it or show it in its folder', async () => {
    const saved = '/home/demo/Desktop/TSM Demo Brook Primary.pdf';
    await openMeeting(tsmView(), {
      tsm_record_save: () => ({ path: saved, bytes: 2048, token: 'tok-7' }),
    });
    await userEvent.click(el('record-pdf'));
    await waitFor(() => expect(requestsFor('tsm_record_save')).toEqual([{ id: MEETING_ID, format: 'pdf' }]));
    await waitFor(() => expect(el('record-saved')).toHaveFocus());
    expect(el('record-saved')).toHaveTextContent(`Saved to ${saved}`);

    await userEvent.click(screen.getByRole('button', { name: 'Open the record' }));
    expect(openSavedFile).toHaveBeenCalledWith('tok-7');
    await userEvent.click(screen.getByRole('button', { name: 'Show in folder (the record)' }));
    expect(revealSavedFile).toHaveBeenCalledWith('tok-7');
  });

  it('saves nothing and says nothing when the save dialog is cancelled', async () => {
    await openMeeting(tsmView(), { tsm_record_save: () => null });
    await userEvent.click(el('record-docx'));
    await waitFor(() => expect(requestsFor('tsm_record_save')).toEqual([{ id: MEETING_ID, format: 'docx' }]));
    expect(document.getElementById('record-saved')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(el('record-docx')).toBeEnabled();
  });

  it('says why a saved record could not be opened', async () => {
    await openMeeting(tsmView(), {
      tsm_record_save: () => ({ path: '/d/r.pdf', bytes: 2048, token: 'tok-8' }),
    });
    vi.mocked(openSavedFile).mockRejectedValue(
      new CommandError({
        kind: 'file',
        message: '/d/r.pdf is no longer there: it was moved or deleted',
        path: '/d/r.pdf',
      }),
    );
    await userEvent.click(el('record-pdf'));
    await userEvent.click(await screen.findByRole('button', { name: 'Open the record' }));
    expect(await screen.findByText('/d/r.pdf is no longer there: it was moved or deleted')).toBeInTheDocument();
  });
});
