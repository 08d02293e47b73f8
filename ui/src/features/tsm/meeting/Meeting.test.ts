// The live meeting screen (tsm_get, then a command per change): what it shows from the TsmView,
// saving as the worker types (once, after the pause, never overwriting newer typing), clicks saved
// at once, focus after adding a pupil or an action, referring a pupil, removing one, and the day,
// month and year boxes of its dates. Finishing the meeting and saving its record are in
// MeetingFinish.test.ts; the axe scans are in MeetingAccessibility.test.ts.
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TsmView } from '../../../api';
import { todayInLondon } from '../../../lib/format';
import { fail, requestsFor } from '../../../test/commands';
import { aid, did, discussion, MEETING_ID, tsmAction, tsmView } from './fixtures';
import { dateBoxes, el, openMeeting, pending, typeDate, typingClock } from './testing';

vi.mock('../../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../api')>()),
  call: vi.fn(),
  openSavedFile: vi.fn(),
  revealSavedFile: vi.fn(),
}));

afterEach(() => {
  vi.useRealTimers();
});

describe('the live meeting screen', () => {
  it('shows the school, term, status, date, preparation pack, attendees, carried actions, pupils and actions', async () => {
    await openMeeting();
    expect(requestsFor('tsm_get')).toEqual([{ id: MEETING_ID }]);
    expect(screen.getByText('Autumn term 2026')).toHaveClass('govuk-caption-l');
    expect(el('meeting-status')).toHaveTextContent('Planned');
    expect(dateBoxes('meeting-date')).toEqual(['23', '11', '2026']);
    expect(el('save-status')).toHaveTextContent('All changes saved');
    expect(pending()).toBe('0');

    expect(el('prep-count-pupils')).toHaveTextContent('2');
    expect(el('prep-count-no-plan')).toHaveTextContent('1');
    expect(el('prep-no-plan')).toHaveClass('govuk-warning-text');
    expect(screen.getByRole('img', { name: 'Bar chart: 2 pupils in the pack by attendance band' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Pupils in the pack by attendance band, 2 in all' })).toHaveTextContent(
      '41-50%2',
    );
    expect(screen.getByRole('img', { name: /2 pupils in the pack by attendance trend/ })).toBeInTheDocument();
    const rows = within(el('prep-pupils')).getAllByRole('row').slice(1);
    expect(rows[1]).toHaveTextContent('Pupil Synthetic-Four');
    expect(rows[1]).toHaveTextContent('45.0%');
    expect(rows[1]).toHaveTextContent('(going up)');
    expect(within(rows[1]).getByText('Needs a plan')).toHaveClass('govuk-tag--red');
    expect(el('prep-discuss-case-1')).toBeDisabled();
    expect(el('prep-discuss-case-1')).toHaveTextContent('Being discussed');
    expect(el('prep-discuss-case-4')).toBeEnabled();

    expect(el('attendee-0-name')).toHaveValue('Champion Demo');
    expect(el('attendee-1-role')).toHaveValue('Attendance officer');

    expect(el('carried-5')).toHaveTextContent('Send the part-time timetable to the family');
    expect(el('carried-5')).toHaveTextContent('Pupil Synthetic-Three');
    expect(el('carried-5')).toHaveTextContent('at the meeting on 8 July 2026');
    expect(el('carried-5-done')).not.toBeChecked();

    expect(el('discussion-1-title')).toHaveTextContent('Pupil Synthetic-One');
    expect(el('discussion-1-facts')).toHaveTextContent('48.5%');
    expect(el('discussion-1-barrier-semh_ebsa')).toBeChecked();
    expect(el('discussion-1-plan-yes')).toBeChecked();
    expect(el('discussion-1-notes')).toHaveValue('Finds mornings hard.');
    expect(el('discussion-1-case')).toHaveTextContent('Open case');
    expect(document.getElementById('discussion-1-name')).toBeNull();
    expect(el('discussion-2-name')).toHaveValue('Pupil Synthetic-Two');
    expect(el('discussion-2-plan-unknown')).toBeChecked();
    expect(el('refer-2-upn')).toHaveValue('');
    expect(el('refer-2-year')).toHaveValue('3');

    expect(el('action-11-what')).toHaveValue('Weekly check-in with the learning mentor');
    expect(el<HTMLSelectElement>('action-11-agency').value).toBe('school');
    expect(dateBoxes('action-11-due')).toEqual(['4', '12', '2026']);
    expect(el('action-13-person')).toHaveValue('Head Demo');
    expect(
      within(el('school-actions')).getByRole('button', { name: 'Add an action for the school' }),
    ).toBeInTheDocument();
    expect(el('record-draft')).toHaveTextContent('DRAFT');
  });

  it('saves typed notes once, after the pause, with everything typed', async () => {
    const user = typingClock();
    await openMeeting(tsmView(), {
      tsm_pupil_update: (req) => tsmView({ discussions: [discussion({ notes: req.notes }), tsmView().discussions[1]] }),
    });
    await user.type(el('discussion-1-notes'), ' Walks with a friend.');
    expect(requestsFor('tsm_pupil_update')).toEqual([]);
    expect(pending()).toBe('1');
    expect(el('save-status')).toHaveTextContent('Saving…');

    await vi.advanceTimersByTimeAsync(400);
    expect(requestsFor('tsm_pupil_update')).toEqual([
      {
        discussion_id: did(1),
        name: 'Pupil Synthetic-One',
        barriers: ['semh_ebsa'],
        has_plan: true,
        notes: 'Finds mornings hard. Walks with a friend.',
      },
    ]);
    await waitFor(() => expect(pending()).toBe('0'));
    expect(el('save-status')).toHaveTextContent('All changes saved');
  });

  it('never lets a save that returns late overwrite what has been typed since, and then sends the newer text', async () => {
    const user = typingClock();
    let answer: (() => void) | undefined;
    await openMeeting(tsmView(), {
      tsm_pupil_update: (req) =>
        new Promise<TsmView>((resolve) => {
          answer = () =>
            resolve(tsmView({ discussions: [discussion({ notes: req.notes }), tsmView().discussions[1]] }));
        }),
    });
    await user.clear(el('discussion-1-notes'));
    await user.type(el('discussion-1-notes'), 'First');
    await vi.advanceTimersByTimeAsync(400);
    expect(requestsFor('tsm_pupil_update')).toHaveLength(1);

    await user.type(el('discussion-1-notes'), ' and second');
    await vi.advanceTimersByTimeAsync(400);
    expect(requestsFor('tsm_pupil_update')).toHaveLength(1);
    answer!();
    await vi.advanceTimersByTimeAsync(0);
    expect(el('discussion-1-notes')).toHaveValue('First and second');
    await waitFor(() => expect(requestsFor('tsm_pupil_update')).toHaveLength(2));
    expect(requestsFor('tsm_pupil_update').map((r) => r.notes)).toEqual(['First', 'First and second']);
    answer!();
    await waitFor(() => expect(pending()).toBe('0'));
    expect(el('discussion-1-notes')).toHaveValue('First and second');
  });

  it('saves a barrier, an existing-plan answer and an action’s owner agency at once', async () => {
    await openMeeting(tsmView(), { tsm_pupil_update: () => tsmView(), tsm_action_update: () => tsmView() });
    await userEvent.click(el('discussion-2-barrier-housing'));
    await userEvent.click(el('discussion-2-plan-no'));
    await userEvent.selectOptions(el('action-12-agency'), 'early_help');
    await waitFor(() => expect(requestsFor('tsm_action_update')).toHaveLength(1));
    expect(requestsFor('tsm_pupil_update').at(-1)).toEqual({
      discussion_id: did(2),
      name: 'Pupil Synthetic-Two',
      barriers: ['housing'],
      has_plan: false,
      notes: '',
    });
    expect(requestsFor('tsm_action_update')[0]).toEqual({
      action_id: aid(12),
      what: '',
      owner_agency: 'early_help',
      owner_person: '',
      lead_practitioner: '',
      due_on: '',
    });
  });

  it('sends typed text straight away when the field loses focus', async () => {
    await openMeeting(tsmView(), { tsm_action_update: () => tsmView() });
    await userEvent.type(el('action-12-what'), 'Referral to early help');
    await userEvent.tab();
    await waitFor(() => expect(requestsFor('tsm_action_update')).toHaveLength(1));
    expect(requestsFor('tsm_action_update')[0].what).toBe('Referral to early help');
  });

  it('adds an action for a pupil and moves to what was agreed', async () => {
    const added = tsmView({
      discussions: [
        discussion({ actions: [tsmAction(), tsmAction({ id: aid(99), what: '', owner_person: '', due_on: '' })] }),
        tsmView().discussions[1],
      ],
    });
    await openMeeting(tsmView(), { tsm_action_add: () => added });
    await userEvent.click(screen.getByRole('button', { name: 'Add an action for Pupil Synthetic-One' }));
    expect(requestsFor('tsm_action_add')).toEqual([{ id: MEETING_ID, discussion_id: did(1) }]);
    await waitFor(() => expect(el('action-99-what')).toHaveFocus());
  });

  it('adds a pupil from the preparation pack and moves to their notes', async () => {
    const added = tsmView({
      discussions: [
        ...tsmView().discussions,
        discussion({ id: did(3), case_id: 'case-4', name: 'Pupil Synthetic-Four', notes: '', actions: [] }),
      ],
    });
    await openMeeting(tsmView(), { tsm_pupil_add: () => added });
    await userEvent.click(el('prep-discuss-case-4'));
    expect(requestsFor('tsm_pupil_add')).toEqual([{ id: MEETING_ID, case_id: 'case-4' }]);
    await waitFor(() => expect(el('discussion-3-notes')).toHaveFocus());
  });

  it('adds a pupil not on the caseload, and shows the server’s field errors when it refuses one', async () => {
    await openMeeting(tsmView(), {
      tsm_pupil_add: () =>
        fail({ kind: 'validation', message: 'x', fields: [{ field: 'upn', message: 'Enter a real UPN' }] }),
    });
    await userEvent.type(el('new-pupil-name'), 'Pupil Synthetic-Five');
    await userEvent.type(el('new-pupil-upn'), 'A801200005001');
    await userEvent.click(el('new-pupil-add'));
    expect(requestsFor('tsm_pupil_add')).toEqual([
      { id: MEETING_ID, name: 'Pupil Synthetic-Five', upn: 'A801200005001' },
    ]);
    expect(await screen.findByRole('link', { name: 'Enter a real UPN' })).toHaveAttribute('href', '#new-pupil-upn');
    expect(el('new-pupil-upn-error')).toHaveTextContent('Enter a real UPN');
  });

  it('adds an attendee row, moves to its name and saves the whole list as typed', async () => {
    await openMeeting(tsmView(), { tsm_attendees_set: (req) => tsmView({ attendees: req.attendees }) });
    await userEvent.click(el('add-attendee'));
    expect(el('attendee-2-name')).toHaveFocus();
    await userEvent.type(el('attendee-2-name'), 'Nurse Demo');
    await userEvent.tab();
    await waitFor(() =>
      expect(requestsFor('tsm_attendees_set').at(-1)?.attendees[2]).toEqual({
        name: 'Nurse Demo',
        role: '',
        organisation: '',
      }),
    );
    expect(requestsFor('tsm_attendees_set').at(-1)?.attendees).toHaveLength(3);
  });

  it('marks a carried-forward action done today, at this meeting', async () => {
    await openMeeting(tsmView(), {
      tsm_action_review: () =>
        tsmView({ carried: [{ ...tsmView().carried[0], review_here: { outcome: 'done', on: '2026-11-23' } }] }),
    });
    await userEvent.click(el('carried-5-done'));
    expect(requestsFor('tsm_action_review')).toEqual([
      { action_id: aid(5), outcome: 'done', at_meeting: MEETING_ID, on: todayInLondon() },
    ]);
    expect(await screen.findByText('Done on 23 November 2026')).toBeInTheDocument();
    expect(el('carried-5-done')).toBeChecked();
  });

  it('says a change was not saved, keeps it, and sends it again on “Try saving again”', async () => {
    let attempts = 0;
    await openMeeting(tsmView(), {
      tsm_pupil_update: (req) => {
        attempts += 1;
        if (attempts === 1) fail({ kind: 'storage', message: 'The caseload could not be written' });
        return tsmView({ discussions: [discussion({ notes: req.notes }), tsmView().discussions[1]] });
      },
    });
    await userEvent.type(el('discussion-1-notes'), '!');
    await userEvent.tab();
    expect(await screen.findByText('Not saved: The caseload could not be written')).toBeInTheDocument();
    expect(pending()).toBe('1');
    expect(el('discussion-1-notes')).toHaveValue('Finds mornings hard.!');
    await userEvent.click(el('save-retry'));
    await waitFor(() => expect(el('save-status')).toHaveTextContent('All changes saved'));
    expect(requestsFor('tsm_pupil_update').map((r) => r.notes)).toEqual([
      'Finds mornings hard.!',
      'Finds mornings hard.!',
    ]);
  });

  it('refers a pupil not on the caseload, with the date of birth, UPN and year group typed', async () => {
    const referred = tsmView({
      discussions: [
        tsmView().discussions[0],
        { ...tsmView().discussions[1], case_id: 'case-9', case_status: 'referred' },
      ],
    });
    await openMeeting(tsmView(), { tsm_refer: () => referred });
    await userEvent.click(screen.getByText('Refer to your caseload', { selector: 'span' }));
    await userEvent.type(el('refer-2-dob-day'), '7');
    await userEvent.type(el('refer-2-dob-month'), '3');
    await userEvent.type(el('refer-2-dob-year'), '2018');
    await userEvent.type(el('refer-2-upn'), 'P207000016049');
    await userEvent.click(el('refer-2-submit'));
    expect(requestsFor('tsm_refer')).toEqual([
      { discussion_id: did(2), date_of_birth: '2018-03-07', upn: 'P207000016049', year_group: '3' },
    ]);
    await waitFor(() => expect(el('discussion-2-case')).toHaveFocus());
  });

  it('has day, month and year boxes for every date, and no native date pickers', async () => {
    await openMeeting();
    expect(document.querySelectorAll('input[type=date], input[type=datetime-local]')).toHaveLength(0);
    expect(within(el('meeting-date')).getAllByRole('textbox')).toHaveLength(3);
    expect(within(el('action-11-due')).getAllByRole('textbox')).toHaveLength(3);
  });

  it('does not send a meeting date the boxes do not make, and says how to write one', async () => {
    await openMeeting();
    await typeDate('meeting-date', '23', '11', '26');
    expect(el('meeting-date-error')).toHaveTextContent('Enter the date of the meeting, like 23 11 2026');
    expect(requestsFor('tsm_date_set')).toEqual([]);
  });

  it("says how to write an action's due date the boxes do not make", async () => {
    await openMeeting();
    await typeDate('action-11-due', '31', '', '2026');
    expect(el('action-11-due-error')).toHaveTextContent('Enter a real date, like 23 11 2026');
  });

  it('saves a new meeting date when the boxes are left, and shows why the server refused one', async () => {
    await openMeeting(tsmView(), {
      tsm_date_set: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'meeting_date', message: 'The date must be in the Autumn term 2026' }],
        }),
    });
    await typeDate('meeting-date', '5', '1', '2027');
    await waitFor(() => expect(requestsFor('tsm_date_set')).toEqual([{ id: MEETING_ID, meeting_date: '2027-01-05' }]));
    expect(
      await screen.findByText('The date must be in the Autumn term 2026', { selector: '#meeting-date-error' }),
    ).toBeInTheDocument();
    expect(dateBoxes('meeting-date')).toEqual(['5', '1', '2027']);
    expect(el('save-status')).toHaveTextContent('Not saved');
  });

  it('adds an action for the pupil the worker is in with Alt+A', async () => {
    const added = tsmView({
      discussions: [
        tsmView().discussions[0],
        {
          ...tsmView().discussions[1],
          actions: [...tsmView().discussions[1].actions, tsmAction({ id: aid(98), what: '' })],
        },
      ],
    });
    await openMeeting(tsmView(), { tsm_action_add: () => added });
    el('discussion-2-notes').focus();
    await userEvent.keyboard('{Alt>}a{/Alt}');
    expect(requestsFor('tsm_action_add')).toEqual([{ id: MEETING_ID, discussion_id: did(2) }]);
    await waitFor(() => expect(el('action-98-what')).toHaveFocus());
  });

  it('removes a pupil only after the worker confirms', async () => {
    await openMeeting(tsmView(), { tsm_pupil_remove: () => tsmView({ discussions: [tsmView().discussions[0]] }) });
    await userEvent.click(el('discussion-2-remove'));
    expect(requestsFor('tsm_pupil_remove')).toEqual([]);
    expect(el('discussion-2-remove-confirm')).toHaveFocus();
    await userEvent.click(el('discussion-2-remove-confirm'));
    expect(requestsFor('tsm_pupil_remove')).toEqual([{ discussion_id: did(2) }]);
    await waitFor(() => expect(document.getElementById('discussion-2')).toBeNull());
    expect(el('discussions-title')).toHaveFocus();
  });
});
