// Fails the build if dist/index.html would break Tauri's CSP (script-src 'self'; style-src 'self'):
// no inline <script>, no <style> element, no style="" attribute, no remote URLs, only local JS/CSS.
import { readFileSync } from 'node:fs';

const html = readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8');
const problems = [];

for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
  if (!/\ssrc="\.\/assets\/[^"]+\.js"/.test(tag)) problems.push(`inline or non-local script: ${tag}`);
}
if (/<style\b/i.test(html)) problems.push('inline <style> element');
if (/\sstyle\s*=/i.test(html)) problems.push('inline style attribute');
if (/\son[a-z]+\s*=/i.test(html)) problems.push('inline event handler attribute');
if (/(?:src|href)="(?:https?:)?\/\//i.test(html)) problems.push('remote URL');
if (!/<link rel="stylesheet"[^>]*href="\.\/assets\/[^"]+\.css"/.test(html)) problems.push('no local stylesheet');

if (problems.length > 0) {
  console.error(`dist/index.html breaks the CSP:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('dist/index.html loads only local, external JS and CSS');
