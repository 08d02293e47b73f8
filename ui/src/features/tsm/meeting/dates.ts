// Dates typed into the meeting's date fields. A date input gives "" or "YYYY-MM-DD"; a webview that
// draws it as a plain text box gives what was typed, so "23/11/2026" is read as a UK date too.

/** "YYYY-MM-DD", "" for a blank field, or null when the text is not a date. */
export function isoDate(typed: string): string | null {
  const text = typed.trim();
  if (text === '') return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const uk = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(text);
  if (!uk) return null;
  return `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}`;
}
