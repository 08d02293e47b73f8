// "Postcode-to-ward lookup" in Settings: the status shown, "Load file…" choosing in the backend and
// loading by token (never a path), the rows left out by line number, and a refused file's message.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { chooseFile, type PostcodeLookupLoaded, type PostcodeLookupStatus } from '../../api';
import { fail, requestsFor, serve } from '../../test/commands';
import PostcodeLookup from './PostcodeLookup.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
  chooseFile: vi.fn(),
}));

const none: PostcodeLookupStatus = {
  loaded: false,
  file_name: null,
  loaded_at: null,
  postcodes: 0,
  wards: 0,
  left_out: 0,
};

const council: PostcodeLookupStatus = {
  loaded: true,
  file_name: 'council-wards.csv',
  loaded_at: '2026-12-01T09:30:00.000Z',
  postcodes: 41250,
  wards: 21,
  left_out: 2,
};

const took: PostcodeLookupLoaded = {
  file_name: 'council-wards.csv',
  rows: 41252,
  postcodes: 41250,
  wards: 21,
  malformed_postcode: 1,
  no_ward: 1,
  left_out_lines: [17, 2040],
  columns: ['Postcode', 'Ward Code', 'Ward Name'],
};

describe('PostcodeLookup', () => {
  it('says none is loaded, then loads the chosen file by its token and shows what it took', async () => {
    let status = none;
    serve({
      postcode_lookup_status: () => status,
      postcode_lookup_load: () => {
        status = council;
        return took;
      },
    });
    vi.mocked(chooseFile).mockResolvedValueOnce({ token: 'tok-1', name: 'council-wards.csv' });
    render(PostcodeLookup);
    expect(await screen.findByText(/None loaded/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load file…' }));
    expect(await screen.findByText('Loaded council-wards.csv: 41,250 postcodes in 21 wards')).toBeInTheDocument();
    expect(chooseFile).toHaveBeenCalledWith('postcode_lookup');
    expect(requestsFor('postcode_lookup_load')).toEqual([{ chosen: 'tok-1' }]);
    const leftOut = document.getElementById('postcode-lookup-left-out')?.textContent?.replace(/\s+/g, ' ');
    expect(leftOut).toContain(
      '2 rows were left out (1 with a malformed postcode, 1 with no ward code), at lines 17, 2040.',
    );
    expect(await screen.findByText('41,250 postcodes in 21 wards')).toBeInTheDocument();
    expect(screen.getByText('council-wards.csv')).toBeInTheDocument();
  });

  it('loads nothing when the chooser is closed', async () => {
    serve({ postcode_lookup_status: () => none });
    vi.mocked(chooseFile).mockResolvedValueOnce(null);
    render(PostcodeLookup);
    await screen.findByText(/None loaded/);
    await userEvent.click(screen.getByRole('button', { name: 'Load file…' }));
    expect(requestsFor('postcode_lookup_load')).toEqual([]);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the server’s message when a file is refused', async () => {
    serve({
      postcode_lookup_status: () => council,
      postcode_lookup_load: () =>
        fail({
          kind: 'import',
          message:
            'The postcode lookup wards.csv was not loaded: no column for postcode (headers found: "ward code"). To fix: give the file a header row. The lookup is as it was',
          file_name: 'wards.csv',
          problems: [],
          missing_columns: [],
          found_headers: [],
        }),
    });
    vi.mocked(chooseFile).mockResolvedValueOnce({ token: 'tok-2', name: 'wards.csv' });
    render(PostcodeLookup);
    await screen.findByText('41,250 postcodes in 21 wards');
    await userEvent.click(screen.getByRole('button', { name: 'Load file…' }));
    expect(await screen.findAllByText(/no column for postcode/)).not.toHaveLength(0);
  });
});
