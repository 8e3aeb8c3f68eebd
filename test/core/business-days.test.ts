import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  isBusinessDay,
  localDay,
} from '../../src/core/business-days.ts';
import { TakedownError } from '../../src/core/errors.ts';

const at = (iso: string) => new Date(iso);

describe('businessDaysBetween', () => {
  it('from a Friday to the next Monday is one business day', () => {
    expect(businessDaysBetween(at('2025-03-07T10:00:00Z'), at('2025-03-10T10:00:00Z'), [], 'UTC')).toBe(1);
  });

  it('the same day is zero, and a week later is five', () => {
    expect(businessDaysBetween(at('2025-03-04T08:00:00Z'), at('2025-03-04T18:00:00Z'), [], 'UTC')).toBe(0);
    expect(businessDaysBetween(at('2025-03-04T08:00:00Z'), at('2025-03-11T08:00:00Z'), [], 'UTC')).toBe(5);
  });

  it('over four weeks and two days counts 22 business days', () => {
    expect(businessDaysBetween(at('2025-03-03T09:00:00Z'), at('2025-04-02T09:00:00Z'), [], 'UTC')).toBe(22);
  });

  it('a holiday on a weekday is not counted, and one on a weekend changes nothing', () => {
    const from = at('2025-12-22T09:00:00Z'); // Monday
    const to = at('2025-12-29T09:00:00Z'); // next Monday
    expect(businessDaysBetween(from, to, [], 'UTC')).toBe(5);
    expect(businessDaysBetween(from, to, ['2025-12-25', '2025-12-26'], 'UTC')).toBe(3);
    expect(businessDaysBetween(from, to, ['2025-12-27'], 'UTC')).toBe(5);
  });

  it('going backwards gives a negative count', () => {
    expect(businessDaysBetween(at('2025-03-10T10:00:00Z'), at('2025-03-07T10:00:00Z'), [], 'UTC')).toBe(-1);
  });

  it('reads instants as days in the given zone: Thursday night in New York is already Friday in UTC', () => {
    const thursdayNightNewYork = at('2025-02-07T04:30:00Z'); // Thu 6 Feb 23:30 EST
    const fridayMorning = at('2025-02-07T13:00:00Z');
    expect(localDay(thursdayNightNewYork, 'America/New_York')).toBe('2025-02-06');
    expect(businessDaysBetween(thursdayNightNewYork, fridayMorning, [], 'America/New_York')).toBe(1);
    expect(businessDaysBetween(thursdayNightNewYork, fridayMorning, [], 'UTC')).toBe(0);
  });
});

describe('addBusinessDays', () => {
  it('Friday plus one business day is Monday, at the same time of day', () => {
    expect(addBusinessDays(at('2025-03-07T14:15:00Z'), 1, [], 'UTC').toISOString()).toBe(
      '2025-03-10T14:15:00.000Z',
    );
  });

  it('skips holidays, and a start on Saturday counts from that day', () => {
    expect(
      addBusinessDays(at('2025-12-24T09:00:00Z'), 1, ['2025-12-25', '2025-12-26'], 'UTC').toISOString(),
    ).toBe('2025-12-29T09:00:00.000Z');
    expect(addBusinessDays(at('2025-03-08T09:00:00Z'), 1, [], 'UTC').toISOString()).toBe(
      '2025-03-10T09:00:00.000Z',
    );
  });

  it('goes backwards for a negative count', () => {
    expect(addBusinessDays(at('2025-03-10T09:00:00Z'), -1, [], 'UTC').toISOString()).toBe(
      '2025-03-07T09:00:00.000Z',
    );
  });

  it('keeps the local time of day across a daylight-saving change', () => {
    // Friday 28 March 09:00 in Berlin (CET, UTC+1) + 1 = Monday 31 March 09:00 (CEST, UTC+2).
    const monday = addBusinessDays(at('2025-03-28T08:00:00Z'), 1, [], 'Europe/Berlin');
    expect(monday.toISOString()).toBe('2025-03-31T07:00:00.000Z');
  });

  it('agrees with businessDaysBetween', () => {
    const from = at('2025-05-02T16:00:00Z');
    const holidays = ['2025-05-08', '2025-05-29'];
    for (const n of [1, 3, 7, 12, 20]) {
      expect(
        businessDaysBetween(
          from,
          addBusinessDays(from, n, holidays, 'Asia/Shanghai'),
          holidays,
          'Asia/Shanghai',
        ),
      ).toBe(n);
    }
  });
});

describe('bad input', () => {
  it('a holiday that is not a YYYY-MM-DD date is refused with a message naming it', () => {
    const call = () =>
      businessDaysBetween(at('2025-03-03T00:00:00Z'), at('2025-03-10T00:00:00Z'), ['25/12/2025'], 'UTC');
    expect(call).toThrow(TakedownError);
    expect(call).toThrow(/"25\/12\/2025" is not a date/);
    expect(() => isBusinessDay('2025-03-03', ['2025-02-30'])).toThrow(/"2025-02-30" is not a date/);
  });

  it('a time zone that does not exist is refused with a message naming it', () => {
    const call = () => localDay(at('2025-03-03T00:00:00Z'), 'Mars/Olympus');
    expect(call).toThrow(TakedownError);
    expect(call).toThrow(/"Mars\/Olympus" is not a time zone/);
  });

  it('weekends and listed holidays are not business days', () => {
    expect(isBusinessDay('2025-03-08')).toBe(false);
    expect(isBusinessDay('2025-03-10')).toBe(true);
    expect(isBusinessDay('2025-03-10', ['2025-03-10'])).toBe(false);
  });
});
