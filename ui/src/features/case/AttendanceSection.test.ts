// Recording a reading on the case's Attendance section: a refused save shows the server's errors,
// and a later save that succeeds takes them away again.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AttendanceView, CaseDetail } from '../../api';
import { fail, serve } from '../../test/commands';
import { caseDetail } from '../../test/fixtures';
import AttendanceSection from './AttendanceSection.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const READING: AttendanceView = {
  as_at: '2025-03-04',
  possible: 10,
  present: 9,
  authorised: 1,
  unauthorised: 0,
  attendance_pct: 90,
  band: null,
  persistent_absence: false,
  severe_absence: false,
};

function input(id: string): HTMLInputElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element as HTMLInputElement;
}

describe('recording attendance', () => {
  it('clears the error summary and the field error once a later save succeeds', async () => {
    let attempt = 0;
    serve({
      attendance_record: (): CaseDetail => {
        attempt += 1;
        if (attempt === 1) {
          fail({
            kind: 'validation',
            message: 'There is a problem: 1 field needs correcting',
            fields: [{ field: 'sessions', message: 'Present and absences must add up to possible sessions' }],
          });
        }
        return caseDetail({ attendance: [READING] });
      },
    });
    const onChanged = vi.fn();
    render(AttendanceSection, { detail: caseDetail(), onChanged });

    await userEvent.type(input('possible'), '10');
    await userEvent.type(input('present'), '9');
    await userEvent.type(input('authorised'), '2');
    await userEvent.type(input('unauthorised'), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Record attendance' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Present and absences must add up to possible sessions');
    expect(document.getElementById('sessions-error')).not.toBeNull();

    await userEvent.clear(input('authorised'));
    await userEvent.type(input('authorised'), '1');
    await userEvent.click(screen.getByRole('button', { name: 'Record attendance' }));
    expect(await screen.findByText(/Reading recorded: 90/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.getElementById('sessions-error')).toBeNull();
    expect(onChanged).toHaveBeenCalledOnce();
  });
});
