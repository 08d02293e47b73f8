// Term coverage moving between terms: the latest term the worker asks for is the one shown, even
// when an earlier ask answers after it, and a term that cannot be had leaves the shown one in place.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TsmCoverage } from '../../api';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { coverageRow, tsmCoverage } from '../../test/schoolFixtures';
import Coverage from './Coverage.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const AUTUMN = tsmCoverage([coverageRow()]);
const SUMMER = tsmCoverage([coverageRow(), coverageRow({ school_urn: '100002', school_name: 'Demo Hill Secondary' })], {
  term: '2026-summer',
  term_label: 'Summer term 2026',
});
const SPRING = tsmCoverage([], { term: '2027-spring', term_label: 'Spring term 2027' });

function summaryText(): string | null {
  return document.getElementById('coverage-summary')?.textContent ?? null;
}

describe('term coverage between terms', () => {
  beforeEach(() => router.go({ name: 'meetings' }));

  it('shows the term asked for last, not an earlier one whose answer comes later', async () => {
    let answerSummer!: (coverage: TsmCoverage) => void;
    const summer = new Promise<TsmCoverage>((resolve) => (answerSummer = resolve));
    serve({
      tsm_coverage: (request) =>
        request.term === '2026-summer' ? summer : request.term === '2027-spring' ? SPRING : AUTUMN,
    });
    render(Coverage);
    await screen.findByText('0 of 1 link school has had its meeting this term');

    await userEvent.click(document.getElementById('coverage-previous')!);
    await userEvent.click(document.getElementById('coverage-next')!);
    expect(
      await screen.findByText('0 of 0 link schools have had their meeting in the Spring term 2027'),
    ).toHaveAttribute('id', 'coverage-summary');
    answerSummer(SUMMER);
    await summer;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(summaryText()).toBe('0 of 0 link schools have had their meeting in the Spring term 2027');
    expect(document.getElementById('coverage-term')).toHaveTextContent('Spring term 2027');
    expect(requestsFor('tsm_coverage')).toEqual([{}, { term: '2026-summer' }, { term: '2027-spring' }]);
  });

  it('keeps the term shown when another cannot be had, says why, and clears the problem once one can', async () => {
    serve({
      tsm_coverage: (request) =>
        request.term === '2026-summer' ? fail({ kind: 'storage', message: 'Coverage could not be read' }) : AUTUMN,
    });
    render(Coverage);
    await screen.findByText(/this term$/, { selector: '#coverage-summary' });

    await userEvent.click(document.getElementById('coverage-previous')!);
    expect(await screen.findByText('Coverage could not be read')).toBeInTheDocument();
    expect(document.querySelector('.govuk-error-summary')).toHaveFocus();
    expect(summaryText()).toBe('0 of 1 link school has had its meeting this term');

    await userEvent.click(document.getElementById('coverage-next')!);
    await vi.waitFor(() => expect(document.querySelector('.govuk-error-summary')).toBeNull());
    expect(requestsFor('tsm_coverage').at(-1)).toEqual({ term: '2027-spring' });
  });
});
