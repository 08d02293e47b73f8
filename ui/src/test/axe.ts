// Runs axe-core over the rendered document and returns its violations, summarised for readable
// failures. jsdom cannot compute colour contrast, so that rule is left to the end-to-end scan.
import axe from 'axe-core';

export async function axeViolations(): Promise<string[]> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
