// The case's attendance chart: with imported marks it draws the server's weeks (a dot for each
// week, a line of the attendance so far, a rule and label where each term begins) and tables
// them under "Show as a table"; readings are drawn as points of their own; without marks the
// readings are the chart. The 90% (PA) and 50% (SA) lines stay either way.
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { marksView } from '../../test/attendanceFixtures';
import { fourWeeks, twoReadings } from '../../test/fixtures';
import AttendanceChart from './AttendanceChart.svelte';

function el(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element;
}

function chart(): SVGSVGElement {
  return screen.getByRole('img', { name: /attendance over time/ }) as unknown as SVGSVGElement;
}

function texts(svg: SVGSVGElement): string[] {
  return [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '');
}

describe('with imported marks', () => {
  it('draws each week as a dot, the attendance so far as a line, and names the chart by weeks', () => {
    render(AttendanceChart, { readings: [], marks: marksView({ weeks: fourWeeks }) });
    const svg = chart();
    expect(svg.getAttribute('aria-label')).toBe(
      'Chart: attendance over time by week, 4 weeks of imported marks (Autumn term 2025 to Spring term 2026), ' +
        'latest week 75.0%, 73.7% so far; with the 90% (PA) and 50% (SA) lines',
    );
    expect(svg.querySelectorAll('.app-chart-weeks circle')).toHaveLength(4);
    const line = svg.querySelector('.app-chart-so-far path');
    expect(line?.getAttribute('d')).toMatch(/^M.*L.*L.*L/);
    expect(texts(svg)).toEqual(
      expect.arrayContaining(['PA 90%', 'SA 50%', '100%', 'Autumn term 2025', 'Spring term 2026']),
    );
    expect(el('case-attendance-chart-key')).toHaveTextContent('Attendance so far');
    expect(el('case-attendance-chart-key')).not.toHaveTextContent('Readings');
  });

  it('marks where each term begins with a rule', () => {
    render(AttendanceChart, { readings: [], marks: marksView({ weeks: fourWeeks }) });
    const svg = chart();
    expect(svg.querySelectorAll('line.app-chart-terms, .app-chart-terms line')).toHaveLength(2);
    expect([...svg.querySelectorAll('.app-chart-terms text')].map((t) => t.textContent)).toEqual([
      'Autumn term 2025',
      'Spring term 2026',
    ]);
  });

  it('lists the weeks in the table: week commencing, term, the week and so far', () => {
    render(AttendanceChart, { readings: [], marks: marksView({ weeks: fourWeeks }) });
    const table = el('case-attendance-weeks');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(5);
    const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((c) => c.textContent.trim());
    expect(cells(rows[0]!)).toEqual(['Week commencing', 'Term', 'Week', 'Academic year so far']);
    expect(cells(rows[1]!)).toEqual(['8 December 2025', 'Autumn term 2025', '100.0%', '100.0%']);
    expect(cells(rows[3]!)).toEqual(['5 January 2026', 'Spring term 2026', '50.0%', '73.3%']);
    expect(cells(rows[4]!)).toEqual(['12 January 2026', 'Spring term 2026', '75.0%', '73.7%']);
    expect(document.getElementById('case-attendance-readings')).toBeNull();
  });

  it('draws the readings as points of their own and tables them too', () => {
    render(AttendanceChart, { readings: twoReadings, marks: marksView({ weeks: fourWeeks }) });
    const svg = chart();
    expect(svg.getAttribute('aria-label')).toContain('4 weeks of imported marks');
    expect(svg.getAttribute('aria-label')).toContain('; 2 readings, latest 85.0%;');
    expect(svg.querySelectorAll('.app-chart-weeks circle')).toHaveLength(4);
    expect(svg.querySelectorAll('.app-chart-readings path')).toHaveLength(2);
    expect(el('case-attendance-chart-key')).toHaveTextContent('Readings');
    expect(within(el('case-attendance-weeks')).getAllByRole('row')).toHaveLength(5);
    const readings = within(el('case-attendance-readings')).getAllByRole('row');
    expect(readings).toHaveLength(3);
    expect(readings[2]).toHaveTextContent(/28 February 2025\s*85\.0%/);
  });
});

describe('without imported marks', () => {
  it('draws the readings joined by a line, with no weeks, key or term labels', () => {
    render(AttendanceChart, { readings: twoReadings, marks: null });
    const svg = chart();
    expect(svg.getAttribute('aria-label')).toBe(
      'Line chart: attendance over time, 2 readings, latest 85.0%, with the 90% (PA) and 50% (SA) lines',
    );
    expect(svg.querySelectorAll('.app-chart-readings circle')).toHaveLength(2);
    expect(svg.querySelector('.app-chart-weeks, .app-chart-so-far, .app-chart-terms')).toBeNull();
    expect(texts(svg).some((t) => t.includes('term'))).toBe(false);
    expect(document.getElementById('case-attendance-weeks')).toBeNull();
    expect(document.getElementById('case-attendance-chart-key')).toBeNull();
    expect(within(el('case-attendance-readings')).getAllByRole('row')).toHaveLength(3);
  });

  it('says there is no chart when marks were imported but had no possible session', () => {
    render(AttendanceChart, { readings: [], marks: marksView({ attendance_pct: null, weeks: [] }) });
    expect(screen.queryByRole('img')).toBeNull();
    expect(el('case-attendance-chart-none')).toBeInTheDocument();
  });
});
