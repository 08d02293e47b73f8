// Reporting the worker's input for the idle lock: at most once a half minute, and the last input of
// a burst always reported, so the backend never thinks the worker left earlier than they did.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTIVITY_REPORT_MS, ActivityReporter } from './activity';

describe('ActivityReporter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports the first input at once and a burst of typing once more at the end of its half minute', () => {
    const send = vi.fn();
    const reporter = new ActivityReporter(send);
    reporter.input();
    expect(send).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(100);
      reporter.input();
    }
    expect(send).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(ACTIVITY_REPORT_MS - 5_000);
    expect(send).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(ACTIVITY_REPORT_MS * 3);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('reports at once again after a quiet half minute', () => {
    const send = vi.fn();
    const reporter = new ActivityReporter(send);
    reporter.input();
    vi.advanceTimersByTime(ACTIVITY_REPORT_MS);
    reporter.input();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('drops a pending report when stopped (the caseload locked)', () => {
    const send = vi.fn();
    const reporter = new ActivityReporter(send);
    reporter.input();
    vi.advanceTimersByTime(1_000);
    reporter.input();
    reporter.stop();
    vi.advanceTimersByTime(ACTIVITY_REPORT_MS * 2);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
