//! Scripts the harness runs inside the app's page over WebDriver's execute commands.

export const RUN_AXE = `
const done = arguments[arguments.length - 1];
window.axe
  .run(document, { resultTypes: ['violations'] })
  .then((results) => done(JSON.stringify(results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(' ')),
  })))))
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
