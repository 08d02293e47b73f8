// @vitest-environment node
// Every enum value the UI can be sent has words: each generated label map (bindings.ts, from the
// Rust `label()`/`title()` methods) has a non-empty label for every value of the enum its type
// names, and so does each UI-only label helper. The types already demand this (`Record<Enum,
// string>`); this checks what the build produced, value by value, against the enum unions
// ts-rs wrote.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as bindings from '../api/bindings';
import { kindLabel } from '../features/attendance/labels';
import { ruleTagClass } from '../features/attendance/rules';
import { actionStatusTag } from '../features/plan/plan';
import { dateLegend } from '../features/legal/legal';
import { flagLabel } from '../features/family/family';
import { STATUS_TAGS } from '../features/exports/labels';
import { meetingStatusLabel, meetingStatusTag } from '../features/tsm/labels';
import {
  caseStatusLabel,
  dueLabel,
  eventLabel,
  phaseLabel,
  statusTagClass,
  stepLabel,
  TREND_ARROWS,
  TREND_WORDS,
} from '../lib/format';

const source = readFileSync(fileURLToPath(new URL('../api/bindings.ts', import.meta.url)), 'utf8');

/** The values of each string-union type in bindings.ts: `export type T = "a" | "b";`. */
const unions: Record<string, string[]> = Object.fromEntries(
  [...source.matchAll(/^export type (\w+) = ("[^"]*"(?: \| "[^"]*")*);$/gm)].map((m) => [
    m[1]!,
    [...m[2]!.matchAll(/"([^"]*)"/g)].map((v) => v[1]!),
  ]),
);

/** Each generated map with the type its keys are declared as (a named enum or a literal union). */
const maps = [...source.matchAll(/^export const (\w+): Record<(.+), string> = \{$/gm)].map((m) => ({
  name: m[1]!,
  keys: unions[m[2]!] ?? [...m[2]!.matchAll(/"([^"]*)"/g)].map((v) => v[1]!),
}));

function valuesOf(type: string): string[] {
  const values = unions[type];
  if (!values) throw new Error(`bindings.ts declares no union type ${type}`);
  return values;
}

function expectWords(text: string) {
  expect(text.trim()).not.toBe('');
}

describe('generated label maps', () => {
  it('are found in bindings.ts', () => {
    expect(maps.map((m) => m.name)).toEqual(
      expect.arrayContaining(['CASE_STATUS_LABELS', 'BARRIER_LABELS', 'RULE_TITLES', 'EXPORT_KIND_LABELS']),
    );
  });

  it.each(maps)('$name has a non-empty label for every value, and nothing else', ({ name, keys }) => {
    const map = (bindings as unknown as Record<string, Record<string, unknown>>)[name]!;
    expect(keys.length).toBeGreaterThan(0);
    expect(Object.keys(map)).toEqual(keys);
    for (const key of keys) {
      expect(typeof map[key]).toBe('string');
      expectWords(map[key] as string);
    }
  });
});

describe('UI-only label helpers', () => {
  it('name every case status, transition, due item, phase, flag and trend', () => {
    for (const status of valuesOf('CaseStatus') as bindings.CaseStatus[]) {
      expectWords(caseStatusLabel(status));
      expect(statusTagClass(status)).toMatch(/^govuk-tag--/);
    }
    for (const kind of valuesOf('TransitionKind') as bindings.TransitionKind[]) {
      expectWords(stepLabel(kind));
      expectWords(eventLabel(kind));
    }
    for (const kind of valuesOf('DueKind') as bindings.DueKind[]) expectWords(dueLabel(kind));
    for (const phase of valuesOf('SchoolPhase') as bindings.SchoolPhase[]) expectWords(phaseLabel(phase));
    for (const flag of valuesOf('PupilFlag') as bindings.PupilFlag[]) expectWords(flagLabel(flag));
    for (const trend of valuesOf('Trend') as bindings.Trend[]) {
      expectWords(TREND_ARROWS[trend]);
      expectWords(TREND_WORDS[trend]);
    }
  });

  it('name every meeting status, import kind, outbox status, legal step date and action status', () => {
    for (const status of valuesOf('TsmStatus') as bindings.TsmStatus[]) {
      expectWords(meetingStatusLabel(status));
      expect(meetingStatusTag(status)).toMatch(/^govuk-tag--/);
    }
    for (const kind of valuesOf('ImportKindView') as bindings.ImportKindView[]) expectWords(kindLabel(kind));
    for (const status of valuesOf('OutboxStatus') as bindings.OutboxStatus[]) expectWords(STATUS_TAGS[status].label);
    for (const kind of valuesOf('LegalStepKind') as bindings.LegalStepKind[]) expectWords(dateLegend(kind));
    for (const status of valuesOf('ActionStatus') as bindings.ActionStatus[]) {
      expect(actionStatusTag(status)).toMatch(/^govuk-tag--/);
    }
    for (const rule of valuesOf('RuleId') as bindings.RuleId[]) expect(ruleTagClass(rule)).toMatch(/^govuk-tag--/);
  });
});
