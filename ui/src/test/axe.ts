// Runs axe-core over the rendered document and returns its violations, summarised for readable
// failures. The rules run are those of WCAG 2.0, 2.1 and 2.2 at levels A and AA plus axe's best
// practices: naming the tags turns on `target-size` (WCAG 2.2 2.5.8, tagged `wcag22aa`), which axe
// leaves off by default. jsdom lays nothing out, so colour contrast is left to the end-to-end scan in
// the real app, and `target-size` finds nothing to measure here: that scan is where both count.
import axe from 'axe-core';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export const AXE_RUN_OPTIONS: axe.RunOptions = {
  runOnly: { type: 'tag', values: AXE_TAGS },
  rules: { 'color-contrast': { enabled: false } },
};

export async function axeViolations(): Promise<string[]> {
  const results = await axe.run(document.body, AXE_RUN_OPTIONS);
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The ids of every rule a run with `AXE_RUN_OPTIONS` applied, whatever its outcome. */
export async function axeRulesRun(): Promise<string[]> {
  const results = await axe.run(document.body, AXE_RUN_OPTIONS);
  const groups = [results.passes, results.violations, results.incomplete, results.inapplicable];
  return groups.flatMap((group) => group.map((rule) => rule.id));
}
