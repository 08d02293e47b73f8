// The axe configuration every component accessibility test uses runs the WCAG 2.2 AA rules: the
// tags name WCAG 2.0/2.1/2.2 A and AA, and `target-size` (2.5.8, which axe leaves off unless
// asked for) is among the rules a scan applies. Nothing that ran before is lost: every rule axe
// enables by default is still selected.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { AXE_RUN_OPTIONS, AXE_TAGS, axeRulesRun, axeViolations } from './axe';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('axe configuration', () => {
  it('selects the WCAG 2.0, 2.1 and 2.2 A/AA tags and best practices', () => {
    expect(AXE_RUN_OPTIONS.runOnly).toEqual({ type: 'tag', values: AXE_TAGS });
    for (const tag of ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']) {
      expect(AXE_TAGS).toContain(tag);
    }
  });

  it('runs target-size, which axe leaves off by default', async () => {
    expect(axe.getRules(['wcag22aa']).map((r) => r.ruleId)).toContain('target-size');
    document.body.innerHTML = '<main><h1>Page</h1><button type="button">Go</button></main>';
    expect(await axeRulesRun()).toContain('target-size');
    expect(await axeViolations()).toEqual([]);
  });

  it('still selects every rule axe enables by default', () => {
    const byDefault = axe
      .getRules()
      .filter((r) => r.enabled && !r.tags.some((t) => t === 'experimental' || t === 'deprecated'));
    const unselected = byDefault.filter((r) => !r.tags.some((t) => AXE_TAGS.includes(t)));
    expect(unselected.map((r) => r.ruleId)).toEqual([]);
  });
});
