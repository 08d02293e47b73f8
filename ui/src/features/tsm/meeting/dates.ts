// Dates typed into the meeting's day, month and year boxes, as `composeDate` joins them.

/** "YYYY-MM-DD", "" for blank boxes, or null when the boxes do not make a date. */
export function isoDate(typed: string): string | null {
  const text = typed.trim();
  if (text === '') return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
}
