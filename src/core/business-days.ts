/**
 * Business days: Monday to Friday, minus configured holidays (YYYY-MM-DD). Every instant is read as
 * a calendar day in an IANA time zone (default: the process's zone, i.e. `TZ`), so "filed Friday
 * evening in Berlin" is a Friday even when it is already Saturday in UTC.
 */
import { TakedownError } from './errors.ts';

/** A calendar day, YYYY-MM-DD. */
export type CalendarDay = string;

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone of this process (`TZ` when set), as Intl resolves it. */
export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Throws a TakedownError naming the value when `tz` is not an IANA time zone. */
export function assertTimeZone(tz: string): void {
  wallFormatter(tz);
}

function wallFormatter(tz: string): Intl.DateTimeFormat {
  let f = wallFormatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch (cause) {
      throw new TakedownError('config', `"${tz}" is not a time zone.`, {
        hint: 'Set TZ to an IANA zone name such as Europe/Berlin, America/New_York or UTC.',
        cause,
      });
    }
    wallFormatters.set(tz, f);
  }
  return f;
}

function dayFormatter(tz: string): Intl.DateTimeFormat {
  let f = dayFormatters.get(tz);
  if (!f) {
    wallFormatter(tz); // validates the zone with a clear message
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(tz, f);
  }
  return f;
}

/** The calendar day `d` falls on in `tz`. */
export function localDay(d: Date, tz: string = defaultTimeZone()): CalendarDay {
  if (Number.isNaN(d.getTime())) {
    throw new TakedownError('bad_input', 'A date could not be read (it is not a valid date).', {
      hint: 'Pass a real date.',
    });
  }
  const parts = dayFormatter(tz).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Days since 1970-01-01 for a calendar day; the arithmetic below works on these. */
function dayNumber(day: CalendarDay): number {
  const m = ISO_DAY.exec(day);
  if (!m) throw new Error(`not a calendar day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function dayFromNumber(n: number): CalendarDay {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(n: number): boolean {
  const weekday = new Date(n * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * Checks a holiday list and returns it as a set of day numbers. Each entry must be a real
 * YYYY-MM-DD date; anything else stops with a message naming the entry.
 */
export function parseHolidays(holidays: Iterable<string>): Set<number> {
  const out = new Set<number>();
  for (const raw of holidays) {
    const day = raw.trim();
    const m = ISO_DAY.exec(day);
    const valid = m !== null && dayFromNumber(dayNumber(day)) === day;
    if (!valid) {
      throw new TakedownError('bad_input', `The holiday "${raw}" is not a date.`, {
        hint: 'Write each holiday as YYYY-MM-DD, e.g. 2025-12-25.',
      });
    }
    out.add(dayNumber(day));
  }
  return out;
}

/** True when `day` (YYYY-MM-DD) is neither a weekend nor a holiday. */
export function isBusinessDay(day: CalendarDay, holidays: Iterable<string> = []): boolean {
  const n = dayNumber(day);
  return !isWeekend(n) && !parseHolidays(holidays).has(n);
}

/**
 * Business days elapsed from `from` to `to`: the business days after from's calendar day up to and
 * including to's. Filed Friday, read Monday: 1. Same day: 0. Negative when `to` is before `from`.
 */
export function businessDaysBetween(
  from: Date,
  to: Date,
  holidays: Iterable<string> = [],
  tz: string = defaultTimeZone(),
): number {
  const a = dayNumber(localDay(from, tz));
  const b = dayNumber(localDay(to, tz));
  if (b < a) return -businessDaysBetween(to, from, holidays, tz);
  const off = parseHolidays(holidays);
  const fullWeeks = Math.floor((b - a) / 7);
  let count = fullWeeks * 5;
  for (let n = a + fullWeeks * 7 + 1; n <= b; n++) {
    if (!isWeekend(n)) count++;
  }
  for (const h of off) {
    if (h > a && h <= b && !isWeekend(h)) count--;
  }
  return count;
}

/** The wall-clock parts of `d` in `tz`, as if they were UTC: used to find the zone's offset. */
function wallAsUtc(d: Date, tz: string): number {
  const parts = wallFormatter(tz).formatToParts(d);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** The instant at which the wall clock in `tz` shows `wall` (ms, wall time written as UTC). */
function instantOfWall(wall: number, tz: string): Date {
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const offset = wallAsUtc(new Date(guess), tz) - guess;
    const next = wall - offset;
    if (next === guess) break;
    guess = next;
  }
  return new Date(guess);
}

/** The calendar day `n` days after `day` (before it when negative). */
export function shiftDay(day: CalendarDay, n: number): CalendarDay {
  return dayFromNumber(dayNumber(day) + n);
}

/** The instant `day` begins in `tz` (its local midnight, or the first instant after a DST gap). */
export function startOfLocalDay(day: CalendarDay, tz: string = defaultTimeZone()): Date {
  const guess = instantOfWall(dayNumber(day) * DAY_MS, tz);
  // Where midnight does not exist, the guess can fall an hour early, on the day before.
  return localDay(guess, tz) === day ? guess : new Date(guess.getTime() + 3_600_000);
}

/**
 * `d` moved by `n` business days (backwards when negative), keeping its local time of day in `tz`.
 * A start on a weekend or holiday counts from that day: Saturday + 1 is Monday.
 */
export function addBusinessDays(
  d: Date,
  n: number,
  holidays: Iterable<string> = [],
  tz: string = defaultTimeZone(),
): Date {
  if (!Number.isInteger(n)) {
    throw new TakedownError('bad_input', `Business days must be a whole number, not ${n}.`);
  }
  const off = parseHolidays(holidays);
  const startDay = dayNumber(localDay(d, tz));
  const step = n < 0 ? -1 : 1;
  let day = startDay;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (!isWeekend(day) && !off.has(day)) left--;
  }
  const wall = wallAsUtc(d, tz) + (day - startDay) * DAY_MS;
  return instantOfWall(wall, tz);
}
