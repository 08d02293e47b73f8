// Search as you type: `search` is sent once typing pauses, an answer to an older query never
// replaces a newer one, the results are links reached with the arrow keys, Enter opens a case and
// Escape clears.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '../../api';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { searchHit } from '../../test/fixtures';
import PupilSearch, { SEARCH_DEBOUNCE_MS } from './PupilSearch.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const ALEX = searchHit();
const SAM = searchHit({
  case_id: 'case-2',
  legal_name: 'Samira Testpupil',
  preferred_name: null,
  upn: 'P207000016049',
  school_name: 'Testschool Brook Primary',
  status: 'referred',
});

function box(): HTMLInputElement {
  return screen.getByRole('searchbox', { name: 'Search pupils' });
}

function resultLinks(): HTMLAnchorElement[] {
  return Array.from(document.querySelectorAll<HTMLAnchorElement>('#search-results a'));
}

/** Types without the real clock: the debounce is driven by `vi.advanceTimersByTimeAsync`. */
const user = () => userEvent.setup({ delay: null });

/** Lets the debounce run out and the answer render. */
async function pause() {
  await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
  await vi.advanceTimersByTimeAsync(0);
}

describe('search as you type', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    router.go({ name: 'caseload' });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('is a search box with a label and no autocomplete', () => {
    serve({});
    render(PupilSearch);
    expect(box()).toHaveAttribute('id', 'search');
    expect(box()).toHaveAttribute('type', 'search');
    expect(box()).toHaveAttribute('autocomplete', 'off');
    expect(screen.getByRole('search')).toContainElement(box());
  });

  it('waits for typing to pause and sends one search for what was typed', async () => {
    serve({ search: () => [ALEX, SAM] });
    render(PupilSearch);
    await user().type(box(), 'test');
    expect(requestsFor('search')).toEqual([]);
    await pause();
    expect(requestsFor('search')).toEqual([{ query: 'test' }]);
    await waitFor(() => expect(resultLinks()).toHaveLength(2));
  });

  it('shows each result’s names, UPN, school and status, and how many were found', async () => {
    serve({ search: () => [ALEX, SAM] });
    render(PupilSearch);
    await user().type(box(), 'testp');
    await pause();
    await waitFor(() => expect(resultLinks()).toHaveLength(2));
    const [alex, sam] = resultLinks();
    expect(alex).toHaveTextContent('Alex (Alexandra Testpupil)');
    expect(alex).toHaveTextContent('UPN B801200005001 · Testschool Synthetic Primary · Active');
    expect(alex).toHaveAttribute('data-case-id', 'case-1');
    expect(sam).toHaveTextContent('Samira Testpupil');
    expect(sam).toHaveTextContent('Referred');
    expect(screen.getByRole('status')).toHaveTextContent('2 pupils found');
  });

  it('says “No pupils match” when nothing does', async () => {
    serve({ search: () => [] });
    render(PupilSearch);
    await user().type(box(), 'zzz');
    await pause();
    expect(document.getElementById('search-empty')).toHaveTextContent('No pupils match');
    expect(screen.getByRole('status')).toHaveTextContent('No pupils match');
  });

  it('ignores an answer that arrives after the answer to a later query', async () => {
    const answers: Record<string, (hits: SearchHit[]) => void> = {};
    serve({ search: ({ query }) => new Promise<SearchHit[]>((resolve) => (answers[query] = resolve)) });
    render(PupilSearch);
    const typing = user();
    await typing.type(box(), 'sa');
    await pause();
    await typing.type(box(), 'm');
    await pause();
    expect(requestsFor('search')).toEqual([{ query: 'sa' }, { query: 'sam' }]);
    answers.sam([SAM]);
    await waitFor(() => expect(resultLinks()).toHaveLength(1));
    answers.sa([ALEX, SAM]);
    await vi.advanceTimersByTimeAsync(0);
    expect(resultLinks().map((a) => a.dataset.caseId)).toEqual(['case-2']);
  });

  it('opens the best match with Enter in the box, and clears the search', async () => {
    serve({ search: () => [SAM, ALEX] });
    render(PupilSearch);
    const typing = user();
    await typing.type(box(), 'testpupil');
    await pause();
    await waitFor(() => expect(resultLinks()).toHaveLength(2));
    await typing.keyboard('{Enter}');
    expect(router.route).toEqual({ name: 'case-view', id: 'case-2' });
    expect(box()).toHaveValue('');
    expect(document.getElementById('search-results')).toBeNull();
  });

  it('searches at once when Enter is pressed before typing has paused', async () => {
    serve({ search: () => [ALEX] });
    render(PupilSearch);
    const typing = user();
    await typing.type(box(), 'alex{Enter}');
    await waitFor(() => expect(router.route).toEqual({ name: 'case-view', id: 'case-1' }));
    expect(requestsFor('search')).toEqual([{ query: 'alex' }]);
  });

  it('moves through the results with the arrow keys and opens the focused one with Enter', async () => {
    serve({ search: () => [ALEX, SAM] });
    render(PupilSearch);
    const typing = user();
    await typing.type(box(), 'test');
    await pause();
    await waitFor(() => expect(resultLinks()).toHaveLength(2));
    await typing.keyboard('{ArrowDown}');
    expect(resultLinks()[0]).toHaveFocus();
    await typing.keyboard('{ArrowDown}');
    expect(resultLinks()[1]).toHaveFocus();
    await typing.keyboard('{ArrowUp}{ArrowUp}');
    expect(box()).toHaveFocus();
    await typing.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(router.route).toEqual({ name: 'case-view', id: 'case-2' });
  });

  it('reaches the results with Tab and opens one by clicking', async () => {
    serve({ search: () => [ALEX, SAM] });
    render(PupilSearch);
    const typing = user();
    await typing.type(box(), 'test');
    await pause();
    await waitFor(() => expect(resultLinks()).toHaveLength(2));
    await typing.tab();
    expect(resultLinks()[0]).toHaveFocus();
    await typing.click(resultLinks()[1]);
    expect(router.route).toEqual({ name: 'case-view', id: 'case-2' });
  });

  it('clears the query and the results with Escape, from the box or from a result', async () => {
    serve({ search: () => [ALEX, SAM] });
    render(PupilSearch);
    const typing = user();
    await typing.type(box(), 'test');
    await pause();
    await waitFor(() => expect(resultLinks()).toHaveLength(2));
    await typing.keyboard('{Escape}');
    expect(box()).toHaveValue('');
    expect(document.getElementById('search-results')).toBeNull();

    await typing.type(box(), 'test');
    await pause();
    await waitFor(() => expect(resultLinks()).toHaveLength(2));
    await typing.keyboard('{ArrowDown}{Escape}');
    expect(box()).toHaveValue('');
    expect(box()).toHaveFocus();
    expect(document.getElementById('search-results')).toBeNull();
    expect(router.route).toEqual({ name: 'caseload' });
  });

  it('sends nothing for a blank query and drops a search still waiting when the box is emptied', async () => {
    serve({ search: () => [ALEX] });
    render(PupilSearch);
    const typing = user();
    await typing.type(box(), '   ');
    await typing.type(box(), 'a');
    await typing.clear(box());
    await pause();
    expect(requestsFor('search')).toEqual([]);
  });
  it('drops an answer still coming when the box is emptied, even once a new query is typed', async () => {
    const answers: Record<string, (hits: SearchHit[]) => void> = {};
    serve({ search: ({ query }) => new Promise<SearchHit[]>((resolve) => (answers[query] = resolve)) });
    render(PupilSearch);
    const typing = user();
    await typing.type(box(), 'sa');
    await pause();
    await typing.clear(box());
    await typing.type(box(), 'sam');
    answers.sa([ALEX, SAM]);
    await vi.advanceTimersByTimeAsync(0);
    expect(document.getElementById('search-panel')).toBeNull();
    await pause();
    answers.sam([SAM]);
    await waitFor(() => expect(resultLinks().map((a) => a.dataset.caseId)).toEqual(['case-2']));
  });

  it('shows the server’s message when a search fails, and Enter then opens nothing', async () => {
    let failing = false;
    serve({
      search: () => (failing ? fail({ kind: 'storage', message: 'The store could not be read.' }) : [ALEX]),
    });
    render(PupilSearch);
    const typing = user();
    await typing.type(box(), 'alex');
    await pause();
    await waitFor(() => expect(resultLinks()).toHaveLength(1));
    failing = true;
    await typing.type(box(), 'x');
    await pause();
    await waitFor(() =>
      expect(document.getElementById('search-error')).toHaveTextContent('The store could not be read.'),
    );
    expect(resultLinks()).toHaveLength(0);
    await typing.keyboard('{Enter}');
    expect(router.route).toEqual({ name: 'caseload' });
  });
});
