// "About Caseload" in Settings: the version from the `about` command, the components counted by
// kind and by licence, and the table narrowed by licence (select or count button) and by name,
// and sorted by a column.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { serve } from '../../test/commands';
import { aboutInfo } from '../../test/fixtures';
import About from './About.svelte';
import { licenceCounts, sortComponents } from './about';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

function names(): string[] {
  const table = document.getElementById('about-components') as HTMLTableElement;
  return within(table)
    .getAllByRole('rowheader')
    .map((th) => th.firstChild?.textContent?.trim() ?? '');
}

describe('About Caseload', () => {
  it('shows the version and counts the components by kind and by licence', async () => {
    serve({ about: () => aboutInfo({ version: '1.4.2' }) });
    render(About);
    expect(await screen.findByText('1.4.2')).toHaveAttribute('id', 'about-version');
    expect(document.getElementById('about-built-from')).toHaveTextContent(
      '7 third-party components: 4 Rust crates, 2 npm packages, 1 font',
    );
    const counts = document.getElementById('about-licence-counts') as HTMLElement;
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.replace(/\s+/g, ' ').trim()),
    ).toEqual(['Apache-2.0 OR MIT 2', 'MIT 2', 'ISC 1', 'MIT OR Apache-2.0 1', 'OFL-1.1 1']);
    expect(names()).toHaveLength(7);
    expect(screen.getByText('https://github.com/rusqlite/rusqlite')).toBeInTheDocument();
  });

  it('narrows the table by licence and by name, and sorts by a column', async () => {
    serve({ about: () => aboutInfo() });
    render(About);
    await screen.findByText('0.1.0');
    await userEvent.selectOptions(screen.getByLabelText('Licence'), 'MIT (2)');
    expect(names()).toEqual(['rusqlite 0.41.0', 'svelte 5.57.3']);
    expect(document.getElementById('about-shown')).toHaveTextContent('Showing 2 components of 7');

    await userEvent.type(screen.getByLabelText('Name contains'), 'SVEL');
    expect(names()).toEqual(['svelte 5.57.3']);

    await userEvent.selectOptions(screen.getByLabelText('Licence'), 'All licences (7)');
    await userEvent.clear(screen.getByLabelText('Name contains'));
    const byCount = within(document.getElementById('about-licence-counts') as HTMLElement);
    await userEvent.click(byCount.getByRole('button', { name: 'Apache-2.0 OR MIT' }));
    expect(byCount.getByRole('button', { name: 'Apache-2.0 OR MIT' })).toHaveAttribute('aria-pressed', 'true');
    expect(names()).toEqual(['tauri 2.12.5', 'zeroize 1.8.2']);

    await userEvent.click(byCount.getByRole('button', { name: 'Apache-2.0 OR MIT' }));
    await userEvent.click(screen.getByRole('button', { name: 'Licence' }));
    await userEvent.click(screen.getByRole('button', { name: 'Licence' }));
    expect(screen.getByRole('columnheader', { name: 'Licence' })).toHaveAttribute('aria-sort', 'descending');
    expect(names()[0]).toBe('Noto Sans');
  });

  it('sorts by kind with names A–Z inside each kind, and groups licences most used first', () => {
    const { components } = aboutInfo();
    expect(sortComponents(components, { key: 'kind', direction: 'ascending' }).map((c) => c.name)).toEqual([
      'Noto Sans',
      'd3-array',
      'svelte',
      'rusqlite',
      'serde',
      'tauri',
      'zeroize',
    ]);
    expect(licenceCounts(components)[0]).toEqual({ licence: 'Apache-2.0 OR MIT', count: 2 });
  });
});
