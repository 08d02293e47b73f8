// @vitest-environment node
// The words the UI shows for the rules engine and for import fields are the server's own (generated
// with the bindings): every RuleId's title and explanation match crates/caseload-domain/src/rules.rs
// word for word, every import field's label matches crates/caseload-exchange/src/import/columns.rs,
// and the display helpers read as a worker would say them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../api';
import { count, datesLabel, fieldLabel, importedText, progressPercent, progressText, shortDate } from './labels';
import { RULE_IDS, ruleExplanation, ruleTagClass, ruleTitle, tagAlerts } from './rules';
import { alert, importProgress, importView } from '../../test/attendanceFixtures';

const repo = (path: string) => readFileSync(fileURLToPath(new URL(`../../../../${path}`, import.meta.url)), 'utf8');

const snake = (camel: string) => camel.replace(/[A-Z]/g, (c, i: number) => `${i ? '_' : ''}${c.toLowerCase()}`);

/** `Enum::Variant => "text"` arms (braces optional) of one `fn` in a Rust source. */
function arms(source: string, fn: string, enumName: string): Record<string, string> {
  const start = source.indexOf(`fn ${fn}(`);
  const body = source.slice(start, source.indexOf('\n    }\n', start));
  const pattern = new RegExp(`${enumName}::(\\w+) => \\{?\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'g');
  return Object.fromEntries([...body.matchAll(pattern)].map((m) => [snake(m[1]!), m[2]!]));
}

describe('rule titles and explanations', () => {
  const rules = repo('crates/caseload-domain/src/rules.rs');

  it('cover every RuleId, word for word as the domain crate has them', () => {
    const titles = arms(rules, 'title', 'RuleId');
    const explanations = arms(rules, 'explanation', 'RuleId');
    expect(Object.keys(titles).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of RULE_IDS) {
      expect(ruleTitle(rule)).toBe(titles[rule]);
      expect(ruleExplanation(rule)).toBe(explanations[rule]);
    }
  });

  it('colours the serious rules red and the others orange', () => {
    expect(ruleTagClass('penalty_threshold_met')).toBe('govuk-tag--red');
    expect(ruleTagClass('severe_without_plan')).toBe('govuk-tag--red');
    expect(ruleTagClass('illness_notification_due')).toBe('govuk-tag--orange');
    expect(ruleTagClass('persistent_absence')).toBe('govuk-tag--orange');
  });

  it('leaves persistent and severe absence to the PA/SA flags when showing tags', () => {
    const rulesOf = (rules: RuleId[]) => tagAlerts(rules.map((rule) => alert({ rule }))).map((a) => a.rule);
    expect(rulesOf(['severe_absence', 'severe_without_plan', 'penalty_threshold_met', 'persistent_absence'])).toEqual([
      'severe_without_plan',
      'penalty_threshold_met',
    ]);
  });
});

describe('import field labels', () => {
  it('match the exchange crate’s label for every canonical header', () => {
    const columns = repo('crates/caseload-exchange/src/import/columns.rs');
    const labels = arms(columns, 'label', 'ImportField');
    expect(Object.keys(labels)).toHaveLength(20);
    for (const [field, label] of Object.entries(labels)) expect(fieldLabel(field)).toBe(label);
  });

  it('falls back to the field name in words for a field it does not know', () => {
    expect(fieldLabel('pupil_premium')).toBe('pupil premium');
  });
});

describe('import display', () => {
  it('writes counts with thousands separators and dates short or long', () => {
    expect(count(600000)).toBe('600,000');
    expect(shortDate('2026-03-04')).toBe('4 Mar 2026');
    expect(datesLabel('2025-09-03', '2026-03-04')).toBe('3 September 2025 to 4 March 2026');
    expect(datesLabel('2026-03-04', '2026-03-04')).toBe('4 March 2026');
    expect(datesLabel(null, null)).toBe('None');
  });

  it('says what the import is doing, and how far through its phase it is', () => {
    expect(progressText(null)).toBe('Starting the import…');
    expect(progressText(importProgress({ rows: 1 }))).toBe('Reading the file… 1 row');
    expect(progressText(importProgress())).toBe('Reading the file… 120,000 rows');
    expect(progressPercent(importProgress())).toBe(20);
    const saving = importProgress({ phase: 'saving', rows: 40000, total_rows: 600000 });
    expect(progressText(saving)).toBe('Saving 40,000 of 600,000 rows');
    expect(progressPercent(saving)).toBe(6);
    expect(progressText({ ...saving, cancel_requested: true })).toBe('Cancelling the import…');
    expect(progressPercent(importProgress({ total_bytes: 0 }))).toBeNull();
  });

  it('says what an import brought in, without the caseload count or dates when there are none', () => {
    expect(importedText(importView({ on_caseload: null, first_date: null, last_date: null, rows: 1, pupils: 1 }))).toBe(
      'Imported Demo Brook marks autumn.csv: 1 row, 1 pupil.',
    );
    expect(importedText(importView({ kind: 'summary', first_date: '2026-01-05', last_date: '2026-03-04' }))).toBe(
      'Imported Demo Brook marks autumn.csv: 600,000 rows, 1,500 pupils (12 on your caseload), figures as at dates from 5 January 2026 to 4 March 2026.',
    );
  });
});
