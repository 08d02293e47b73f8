//! Scripts the harness runs inside the app's page over WebDriver's execute commands.

/** The axe-core tag sets every scan runs: WCAG 2.0, 2.1 and 2.2 at A and AA, and axe's best
 *  practices. Naming them turns on `target-size` (WCAG 2.2 2.5.8, tagged `wcag22aa`), which axe
 *  leaves off by default; with these tags every rule axe enables by default still runs. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Rules a scan must have applied, or the harness fails it: a configuration that drops them
 *  would otherwise pass silently. */
export const AXE_REQUIRED_RULES = ['target-size', 'color-contrast'];

/** Runs axe with the tags in arguments[0]; answers with the violations and the ids of every rule
 *  run (passed, violated, incomplete or not applicable). */
export const RUN_AXE = `
const done = arguments[arguments.length - 1];
const tags = arguments[0];
window.axe
  .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
  .then((results) => done(JSON.stringify({
    rulesRun: [results.passes, results.violations, results.incomplete, results.inapplicable]
      .flatMap((group) => group.map((rule) => rule.id)),
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.join(' ')),
      messages: v.nodes.map((n) => [...n.any, ...n.all, ...n.none].map((c) => c.message).join('; ')),
    })),
  })))
  .catch((e) => done('ERROR:' + (e && e.message ? e.message : String(e))));
`;

export const DISPATCH_INPUT = `
arguments[0].dispatchEvent(new Event('input', { bubbles: true }));
arguments[0].dispatchEvent(new Event('change', { bubbles: true }));
`;

export const SET_VALUE = `
const el = arguments[0];
const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
el.dispatchEvent(new Event('input', { bubbles: true }));
el.dispatchEvent(new Event('change', { bubbles: true }));
`;

export const SELECT_OPTION = `
const el = arguments[0];
const wanted = arguments[1];
const option = Array.from(el.options).find((o) => o.value === wanted)
  || Array.from(el.options).find((o) => o.text.trim() === wanted)
  || Array.from(el.options).find((o) => o.text.trim().endsWith(' ' + wanted));
if (!option) return false;
el.value = option.value;
el.dispatchEvent(new Event('input', { bubbles: true }));
el.dispatchEvent(new Event('change', { bubbles: true }));
return true;
`;

export const SELECTED_OPTION = `
const el = arguments[0];
const option = el.options[el.selectedIndex];
return option ? option.value : '';
`;

/**
 * A print preview in a WebDriver that cannot print: appends every `@media print` rule of the
 * page's stylesheets again as `@media all`, so the page lays out as paper would (the print
 * rules come last, so they win as they do on paper). Returns how many rules it applied;
 * REMOVE_PRINT_RULES takes them out again.
 */
export const APPLY_PRINT_RULES = `
  const added = [];
  for (const sheet of [...document.styleSheets]) {
    let rules; try { rules = [...sheet.cssRules]; } catch { continue; }
    for (const rule of rules) {
      if (rule.type !== CSSRule.MEDIA_RULE || !rule.media.mediaText.split(',').some((m) => m.trim() === 'print')) continue;
      const at = sheet.insertRule(rule.cssText.replace(/^@media[^{]*/, '@media all '), sheet.cssRules.length);
      added.push([sheet, at]);
    }
  }
  window.__caseloadPrintRules = added;
  return added.length;
`;

export const REMOVE_PRINT_RULES = `
  for (const [sheet, at] of (window.__caseloadPrintRules ?? []).reverse()) sheet.deleteRule(at);
  window.__caseloadPrintRules = [];
`;

/** Whether an element is laid out (not display: none, and has a box). Prepend to a script. */
export const SHOWN = `
  const shown = (el) => !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
`;
