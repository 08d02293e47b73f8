// "Local model" in Settings: the groups as stored, the example filled in from the server, what is
// sent to local_model_save, and where its errors go.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { LocalModel as Model } from '../../api';
import { fail, requestsFor, serve } from '../../test/commands';
import LocalModel from './LocalModel.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const WAVES: Model = {
  name: 'Attendance programme waves',
  groups: [
    { name: 'Wave 1', from_pct: 71, to_pct: 95, criteria: 'Universal support in school' },
    { name: 'Wave 2', from_pct: 41, to_pct: 70, criteria: 'Attendance taskforce' },
  ],
};

function input(id: string): HTMLInputElement {
  return document.getElementById(id) as HTMLInputElement;
}

describe('Local model', () => {
  it('starts from none, takes the example from the server and saves the groups as numbers', async () => {
    serve({
      local_model_get: () => ({ name: '', groups: [] }),
      local_model_example: () => WAVES,
      local_model_save: (m) => m,
    });
    render(LocalModel);
    expect(await screen.findByText(/No local model: the dashboard/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Use the example' }));
    expect(await screen.findByDisplayValue('Wave 1')).toBeInTheDocument();
    await userEvent.clear(input('model-group-1-to'));
    await userEvent.type(input('model-group-1-to'), '60');
    await userEvent.click(screen.getByRole('button', { name: 'Save local model' }));
    expect(await screen.findByText('Local model saved')).toBeInTheDocument();
    const [sent] = requestsFor('local_model_save');
    expect(sent?.groups.map((g) => [g.name, g.from_pct, g.to_pct])).toEqual([
      ['Wave 1', 71, 95],
      ['Wave 2', 41, 60],
    ]);
  });

  it('shows the server’s message for a wrong group by the groups table', async () => {
    serve({
      local_model_get: () => WAVES,
      local_model_save: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'model_groups', message: 'Group 1: the range starts at 96% and ends at 95%' }],
        }),
    });
    render(LocalModel);
    await screen.findByDisplayValue('Wave 1');
    await userEvent.click(screen.getByRole('button', { name: 'Save local model' }));
    expect(
      await screen.findByText(/Group 1: the range starts at 96%/, { selector: '#model-groups-error' }),
    ).toBeInTheDocument();
  });
});
