// @vitest-environment node
// The print stylesheet, read off the source: printing was checked in the real app only where the
// WebDriver could print (tests/e2e), so these rules keep what paper must leave out and keep in.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const lib = fileURLToPath(new URL('../lib/', import.meta.url));
const print = readFileSync(`${lib}print.scss`, 'utf8');
const app = readFileSync(`${lib}app.scss`, 'utf8');

/** The selectors of the first rule in `@media print` that sets `display: none`. */
function hiddenOnPaper(): string[] {
  const media = print.slice(print.indexOf('@media print'));
  const rule = /([^{}]+)\{\s*display:\s*none\s*!important;/.exec(media);
  if (!rule) throw new Error('no display: none rule in @media print');
  return rule[1]!
    .split(',')
    .map((s) => s.replace(/\/\/.*$/gm, '').trim())
    .filter(Boolean);
}

describe('print stylesheet', () => {
  it('is loaded once from app.scss, and app.scss has no print rules of its own', () => {
    expect(app.match(/@use "print";/g)).toHaveLength(1);
    expect(app).not.toContain('@media print');
  });

  it('hides the header, navigation, footer, forms and buttons on paper', () => {
    expect(hiddenOnPaper()).toEqual(
      expect.arrayContaining([
        '.moj-header',
        '.moj-primary-navigation',
        '.app-footer',
        '.govuk-skip-link',
        '.govuk-back-link',
        '.app-no-print',
        '.app-save-bar',
        'form',
        'button',
        '.govuk-button',
      ]),
    );
  });

  it('keeps table rows, timeline and chronology items and action cards whole', () => {
    const media = print.slice(print.indexOf('@media print'));
    const avoid = /([^{}]+)\{\s*break-inside:\s*avoid;/.exec(media)?.[1] ?? '';
    for (const selector of [
      '.govuk-table__row',
      '.moj-timeline__item',
      '.app-chronology__item',
      '.app-tsm-action',
      '.app-chart',
    ]) {
      expect(avoid).toContain(selector);
    }
  });
});
