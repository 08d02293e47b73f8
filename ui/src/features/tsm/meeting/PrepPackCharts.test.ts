// The preparation pack's charts: the school's pupils by attendance band (the server's band for each
// pupil, lowest first, then those with no figure) and by trend, each an svg image with a name and
// the same counts as a table under "Show … as a table".
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { PrepPack } from '../../../api';
import { axeViolations } from '../../../test/axe';
import { importedPrepPupil, prepPupil } from './fixtures';
import PrepPackCharts from './PrepPackCharts.svelte';

function pack(): PrepPack {
  return {
    academic_year: '2026/27',
    previous_academic_year: '2025/26',
    local_model: { name: '', groups: [] },
    model_counts: [],
    pupils: [
      prepPupil(), // 48.5%, 41-50, down
      prepPupil({ upn: 'P207000016049', attendance_pct: 45, band: '41-50', trend: 'up' }),
      prepPupil({ upn: 'P207000016050', attendance_pct: 92, band: '91-100', trend: 'level' }),
      importedPrepPupil(), // 62.5%, 61-70, no trend
      importedPrepPupil({ upn: 'Q801200005003', as_at: null, attendance_pct: null, band: null, trend: null }),
    ],
    persistent_absence: 4,
    severe_absence: 2,
    severe_without_plan: 0,
  };
}

function rowsOf(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.children].map((cell) => cell.textContent?.trim()).join(' '));
}

describe('PrepPackCharts', () => {
  it('draws the pupils by band as a named svg image with the counts as a table', async () => {
    render(PrepPackCharts, { prep: pack() });
    const chart = screen.getByRole('img', { name: 'Bar chart: 5 pupils in the pack by attendance band' });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart.querySelector('style')).toBeNull();
    expect(chart.querySelector('[aria-label]')).toBeNull();
    expect(chart.querySelectorAll('rect')).toHaveLength(4);
    const table = screen.getByRole('table', { name: 'Pupils in the pack by attendance band, 5 in all' });
    expect(rowsOf(table)).toEqual(['41-50% 2', '61-70% 1', '91-100% 1', 'No attendance figure 1']);
    expect(await axeViolations()).toEqual([]);
  });

  it('draws the pupils by trend as a named svg image with the counts as a table', () => {
    render(PrepPackCharts, { prep: pack() });
    const chart = screen.getByRole('img', {
      name: 'Bar chart: 5 pupils in the pack by attendance trend, going up, level or going down',
    });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    const labels = [...chart.querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(['↑ Going up', '→ Level', '↓ Going down', 'No trend yet']));
    const table = screen.getByRole('table', { name: 'Pupils in the pack by attendance trend, 5 in all' });
    expect(rowsOf(table)).toEqual(['Going up 1', 'Level 1', 'Going down 1', 'No trend yet 2']);
  });

  it('leaves out "No figure" when every pupil has a band', () => {
    const prep = pack();
    render(PrepPackCharts, { prep: { ...prep, pupils: prep.pupils.slice(0, 4) } });
    const table = screen.getByRole('table', { name: 'Pupils in the pack by attendance band, 4 in all' });
    expect(rowsOf(table)).toEqual(['41-50% 2', '61-70% 1', '91-100% 1']);
  });
});
