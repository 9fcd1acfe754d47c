// Building a formatter is costly (locale data); a status card formats dozens of dates.
const UK_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** Dates as UK staff read them, in London time: "30 Sept 2026". */
export function ukDate(value: string | Date): string {
  const date =
    typeof value === 'string'
      ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value)
      : value;
  return UK_DATE.format(date);
}

const UK_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** An instant as UK staff read it, in London time: "16 Jan 2027, 10:04". */
export function ukDateTime(at: Date): string {
  return UK_DATE_TIME.format(at);
}

export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // Back to the last space, so no word is cut; `flat` has single spaces, so no pattern is needed.
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space < 0 ? cut : cut.slice(0, space)}…`;
}

/** "1 person", "1,204 people". */
export function people(n: number): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'person' : 'people'}`;
}
