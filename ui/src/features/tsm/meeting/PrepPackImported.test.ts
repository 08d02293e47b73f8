// The preparation pack with a pupil known only from imported attendance data: counted apart from
// the caseload, shown as "Not on your caseload" with the UPN and an unknown year, and discussed
// by UPN (tsm_pupil_add {id, upn}), moving to the new discussion's name field for the worker to
// type it. Caseload pupils keep their case-id ids. With an axe scan of the whole app.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../../App.svelte';
import type { TsmView } from '../../../api';
import { router } from '../../../lib/router.svelte';
import { axeViolations } from '../../../test/axe';
import { requestsFor, serve, type Handlers } from '../../../test/commands';
import { dashboard, status } from '../../../test/fixtures';
import Meeting from '../Meeting.svelte';
import { did, discussion, importedPrepPupil, MEETING_ID, prepPupil, tsmView } from './fixtures';

vi.mock('../../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../api')>()),
  call: vi.fn(),
}));

function el<T extends HTMLElement = HTMLInputElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element as T;
}

const IMPORTED_UPN = 'Q801200005002';

function withImported(overrides: Partial<TsmView> = {}): TsmView {
  const base = tsmView();
  return tsmView({
    prep: { ...base.prep, pupils: [...base.prep.pupils, importedPrepPupil()], persistent_absence: 3 },
    ...overrides,
  });
}

async function openMeeting(view: TsmView, handlers: Handlers = {}) {
  serve({ tsm_get: () => view, ...handlers });
  render(Meeting, { id: MEETING_ID });
  await screen.findByRole('heading', { level: 1, name: 'Demo Brook Primary: Targeting Support Meeting' });
}

describe('an imported pupil in the preparation pack', () => {
  it("shows the rules engine's alerts for a pupil on the caseload, such as the penalty threshold", async () => {
    const base = tsmView();
    const alerted = prepPupil({
      alerts: [
        { rule: 'penalty_threshold_met', on: '2026-10-30', message: '10 unauthorised sessions within 10 school weeks' },
      ],
    });
    await openMeeting(tsmView({ prep: { ...base.prep, pupils: [alerted] } }));
    expect(el('prep-row-B801200005001')).toHaveTextContent('Penalty notice threshold met');
  });

  it('is counted apart from the caseload and shown by UPN, with the year not known', async () => {
    await openMeeting(withImported());
    expect(el('prep-counts')).toHaveTextContent(
      '3 pupils in the pack: 2 on your caseload, 1 from imported attendance data',
    );
    expect(el('prep-count-pupils')).toHaveTextContent('3');
    expect(el('prep-count-caseload')).toHaveTextContent('2');
    expect(el('prep-count-imported')).toHaveTextContent('1');

    const row = el(`prep-row-${IMPORTED_UPN}`);
    expect(within(row).getByRole('rowheader')).toHaveTextContent(`Not on your caseload UPN ${IMPORTED_UPN}`);
    expect(row).toHaveTextContent('Not known');
    expect(row).toHaveTextContent('62.5%');
    expect(row).toHaveTextContent('PA (persistent absence)');
    expect(el(`prep-discuss-upn-${IMPORTED_UPN}`)).toHaveAccessibleName(`Discuss pupil ${IMPORTED_UPN}`);

    expect(el('prep-row-B801200005001')).toHaveTextContent('Pupil Synthetic-One');
    expect(el('prep-discuss-case-1')).toHaveTextContent('Being discussed');
    expect(el('prep-discuss-case-4')).toBeEnabled();
  });

  it('is added to the meeting by UPN, and the worker is taken to their name to type it', async () => {
    const added = withImported({
      discussions: [
        ...tsmView().discussions,
        discussion({
          id: did(3),
          upn: IMPORTED_UPN,
          name: '',
          year_group: null,
          case_id: null,
          case_status: null,
          has_plan: null,
          notes: '',
          actions: [],
        }),
      ],
    });
    added.prep.pupils[2] = importedPrepPupil({ discussed: true });
    await openMeeting(withImported(), { tsm_pupil_add: () => added });
    await userEvent.click(el(`prep-discuss-upn-${IMPORTED_UPN}`));
    expect(requestsFor('tsm_pupil_add')).toEqual([{ id: MEETING_ID, upn: IMPORTED_UPN }]);
    await waitFor(() => expect(el('discussion-3-name')).toHaveFocus());
    expect(el('discussion-3-name')).toHaveValue('');
    expect(el(`prep-discuss-upn-${IMPORTED_UPN}`)).toHaveTextContent('Being discussed');
  });

  it('shows an imported pupil with a name and a year group as the import has them', async () => {
    const base = tsmView();
    await openMeeting(
      tsmView({
        prep: {
          ...base.prep,
          pupils: [prepPupil(), importedPrepPupil({ name: 'Pupil Synthetic-Six', year_group: 4 })],
        },
      }),
    );
    const row = el(`prep-row-${IMPORTED_UPN}`);
    expect(within(row).getByRole('rowheader')).toHaveTextContent(`Pupil Synthetic-Six UPN ${IMPORTED_UPN}`);
    expect(row).toHaveTextContent('Year 4');
    expect(el(`prep-discuss-upn-${IMPORTED_UPN}`)).toHaveAccessibleName('Discuss Pupil Synthetic-Six');
  });

  it('finds no axe violations on the meeting with an imported pupil in the pack', async () => {
    serve({ app_status: () => status(), dashboard: () => dashboard([]), tsm_get: () => withImported() });
    render(App);
    await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
    flushSync(() => router.go({ name: 'meeting', id: MEETING_ID }));
    await screen.findByRole('heading', { level: 1, name: 'Demo Brook Primary: Targeting Support Meeting' });
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(await axeViolations()).toEqual([]);
  }, 30_000);
});
