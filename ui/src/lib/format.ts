// How stored values read on screen: names, dates of birth, instants in Europe/London, year groups.
// Pure display; no validation (the server owns every rule).

const LONDON_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** The name a worker uses day to day: the preferred name when there is one. */
export function displayName(pupil: { legal_name: string; preferred_name: string | null }): string {
  const preferred = pupil.preferred_name?.trim();
  return preferred ? preferred : pupil.legal_name;
}

/** An instant (RFC 3339, UTC) as London wall-clock time, e.g. "3 Nov 2025, 14:05". */
export function londonDateTime(instant: string): string {
  // Instants are stored in UTC; a timestamp without a zone ("2025-07-01 13:30:00") is UTC too.
  // Fractions beyond milliseconds are cut: not every engine parses nanoseconds.
  const iso = instant.trim().replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1');
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso);
  const date = new Date(hasZone || !iso.includes('T') ? iso : `${iso}Z`);
  return Number.isNaN(date.getTime()) ? instant : LONDON_DATE_TIME.format(date);
}

/** A calendar date "YYYY-MM-DD" as "27 March 2012" (no time zone involved). */
export function longDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : isoDate;
}

export function yearGroupLabel(yearGroup: number): string {
  return yearGroup === 0 ? 'Reception' : `Year ${yearGroup}`;
}

export function statusLabel(status: string): string {
  return status.charAt(0).toUpperCase() + status.slice(1).replaceAll('_', ' ');
}

/** Day, month and year fields as the "YYYY-MM-DD" the server expects; "" when all are blank. */
export function composeDate(day: string, month: string, year: string): string {
  const d = day.trim();
  const m = month.trim();
  const y = year.trim();
  if (!d && !m && !y) return '';
  const pad = (part: string) => (/^\d$/.test(part) ? `0${part}` : part);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The reverse of `composeDate`, for prefilling a form; unpadded like a person would type it. */
export function splitDate(isoDate: string): { day: string; month: string; year: string } {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(isoDate);
  if (!match) return { day: '', month: '', year: '' };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] };
}
