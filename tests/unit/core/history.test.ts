// History tallies, calendar arithmetic, the 30-day series and the streak, in a time zone with DST.
process.env.TZ = 'Europe/Berlin';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  applyRecords,
  currentStreak,
  emptyTally,
  isRealDayKey,
  keepLastYear,
  lastDays,
  localDayKey,
  readHistory,
  tallyFor,
  type History,
} from '../../../src/core/rules/history';

const at = (y: number, month: number, d: number, h = 12, min = 0) => new Date(y, month - 1, d, h, min).getTime();
const withCompleted = (...days: string[]): History =>
  Object.fromEntries(days.map((day) => [day, { ...emptyTally(), completed: 1 }]));

describe('the test runs in a DST time zone', () => {
  it('Europe/Berlin is in effect (winter +1 h, summer +2 h)', () => {
    expect(new Date(at(2026, 1, 15)).getTimezoneOffset()).toBe(-60);
    expect(new Date(at(2026, 7, 15)).getTimezoneOffset()).toBe(-120);
  });
});

describe('tally: records land on the local calendar day', () => {
  it('adds active time and counts breaks per local day, split at local midnight', () => {
    const history = applyRecords({}, [
      { kind: 'active', at: at(2026, 3, 28, 23, 59), ms: 60_000 },
      { kind: 'completed', at: at(2026, 3, 28, 23, 59) },
      { kind: 'active', at: at(2026, 3, 29, 0, 1), ms: 120_000 },
      { kind: 'snoozed', at: at(2026, 3, 29, 3, 30) },
      { kind: 'skipped', at: at(2026, 3, 29, 3, 31) },
      { kind: 'natural', at: at(2026, 3, 29, 23, 59) },
    ]);
    expect(history['2026-03-28']).toEqual({ activeMs: 60_000, completed: 1, snoozed: 0, skipped: 0, natural: 0, held: 0 });
    expect(history['2026-03-29']).toEqual({ activeMs: 120_000, completed: 0, snoozed: 1, skipped: 1, natural: 1, held: 0 });
  });

  it('a missing day tallies as zeros', () => {
    expect(tallyFor({}, '2026-01-01')).toEqual(emptyTally());
  });

  it('counts breaks held for a call; a day stored before there were any reads as none held', () => {
    const history = applyRecords({}, [{ kind: 'held', at: at(2026, 3, 28, 10) }]);
    expect(history['2026-03-28']).toMatchObject({ held: 1, completed: 0 });
    const older = { '2026-03-27': { activeMs: 5, completed: 1, snoozed: 0, skipped: 0, natural: 0 } };
    expect(readHistory(older)['2026-03-27']).toEqual({ activeMs: 5, completed: 1, snoozed: 0, skipped: 0, natural: 0, held: 0 });
  });
});

describe('calendar arithmetic on day keys', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-10-25', -1, '2026-10-24'],
    ['2026-03-01', -365, '2025-03-01'],
  ])('%s %+d day(s) is %s', (from, days, to) => {
    expect(addDays(from, days)).toBe(to);
  });

  it('stepping a day agrees with the local day of noon, every day across two years of DST changes', () => {
    let day = '2025-12-25';
    for (let i = 0; i < 730; i++) {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      expect(localDayKey(at(y, m, d))).toBe(day);
      day = addDays(day, 1);
    }
    expect(day).toBe('2027-12-25');
  });

  it.each(['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', 'x'])(
    '%s is not a real day',
    (key) => expect(isRealDayKey(key)).toBe(false),
  );

  it.each(['2028-02-29', '2026-12-31', '2026-03-29'])('%s is a real day', (key) => expect(isRealDayKey(key)).toBe(true));
});

describe('the last-N-days series', () => {
  it('has 30 consecutive days ending today, oldest first, missing days as zeros', () => {
    const history: History = { '2026-01-02': { activeMs: 5, completed: 2, snoozed: 0, skipped: 1, natural: 0, held: 0 } };
    const series = lastDays(history, '2026-01-10', 30);
    expect(series).toHaveLength(30);
    expect(series[0]!.day).toBe('2025-12-12');
    expect(series[29]!.day).toBe('2026-01-10');
    expect(series.find((e) => e.day === '2026-01-02')!.tally.completed).toBe(2);
    expect(series.filter((e) => e.day !== '2026-01-02').every((e) => e.tally.completed === 0 && e.tally.activeMs === 0)).toBe(true);
  });

  it('crosses the spring-forward and fall-back days with each day exactly once', () => {
    for (const today of ['2026-04-10', '2026-11-05']) {
      const days = lastDays({}, today, 30).map((e) => e.day);
      expect(new Set(days).size).toBe(30);
      for (let i = 1; i < days.length; i++) expect(days[i]).toBe(addDays(days[i - 1]!, 1));
    }
    expect(lastDays({}, '2026-04-10', 30).map((e) => e.day)).toContain('2026-03-29');
    expect(lastDays({}, '2026-11-05', 30).map((e) => e.day)).toContain('2026-10-25');
  });
});

describe('the current streak', () => {
  it('counts consecutive days with a completed break up to today', () => {
    expect(currentStreak(withCompleted('2026-11-23', '2026-11-24', '2026-11-25'), '2026-11-25')).toBe(3);
  });

  it('today without a completed break yet does not break a streak that ran to yesterday', () => {
    expect(currentStreak(withCompleted('2026-11-23', '2026-11-24'), '2026-11-25')).toBe(2);
  });

  it('a day without a completed break ends the streak', () => {
    expect(currentStreak(withCompleted('2026-11-21', '2026-11-23'), '2026-11-25')).toBe(0);
    expect(currentStreak(withCompleted('2026-11-21', '2026-11-23', '2026-11-25'), '2026-11-25')).toBe(1);
  });

  it('only completed breaks count, not snoozed, skipped or natural ones', () => {
    const history: History = { '2026-11-24': { activeMs: 9_000_000, completed: 0, snoozed: 3, skipped: 2, natural: 4, held: 0 } };
    expect(currentStreak(history, '2026-11-25')).toBe(0);
  });

  it('runs across a month end, a year end and a leap day', () => {
    expect(currentStreak(withCompleted('2026-10-30', '2026-10-31', '2026-11-01'), '2026-11-01')).toBe(3);
    expect(currentStreak(withCompleted('2026-12-31', '2027-01-01'), '2027-01-02')).toBe(2);
    expect(currentStreak(withCompleted('2028-02-28', '2028-02-29', '2028-03-01'), '2028-03-01')).toBe(3);
  });

  it('runs across both DST changes (days, not 24-hour steps)', () => {
    expect(currentStreak(withCompleted('2026-03-28', '2026-03-29', '2026-03-30'), '2026-03-30')).toBe(3);
    expect(currentStreak(withCompleted('2026-10-24', '2026-10-25', '2026-10-26'), '2026-10-26')).toBe(3);
  });

  it('fed by records timed just after local midnight on the DST days', () => {
    const history = applyRecords({}, [
      { kind: 'completed', at: at(2026, 3, 28, 23, 50) },
      { kind: 'completed', at: at(2026, 3, 29, 0, 10) },
      { kind: 'completed', at: at(2026, 3, 30, 0, 10) },
    ]);
    expect(currentStreak(history, localDayKey(at(2026, 3, 30, 9)))).toBe(3);
  });

  it('equals a day-by-day count for any set of days (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 60 })), fc.integer({ min: 0, max: 5 }), (daysBack, todayOffset) => {
        const today = addDays('2026-12-20', todayOffset);
        const history = withCompleted(...daysBack.map((n) => addDays(today, -n)));
        const has = new Set(daysBack);
        let expected = 0;
        for (let n = has.has(0) ? 0 : 1; has.has(n); n++) expected++;
        expect(currentStreak(history, today)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

/** Every day from `first`, `count` days in a row, each with a completed break. */
const daysInARow = (first: string, count: number): History => withCompleted(...Array.from({ length: count }, (_, i) => addDays(first, i)));

describe('keeping a year', () => {
  it('keeps the 365 days ending today and drops older ones', () => {
    const history = { ...daysInARow('2025-11-25', 365), '2026-11-25': { ...emptyTally(), completed: 1 } };
    const kept = keepLastYear(history, '2026-11-25');
    expect(Object.keys(kept).length).toBe(365);
    expect(Object.keys(kept).sort()[0]).toBe('2025-11-26');
  });

  it('a new record keeps the 365 calendar days ending on its day, also in the hour after midnight a DST change shifted', () => {
    const stored = daysInARow('2025-03-29', 366); // 2025-03-29 … 2026-03-29
    // 00:30 CEST on 2026-03-30 is 23:30 CET on 2025-03-29 exactly 365 × 24 h earlier: still calendar days count.
    const history = applyRecords(stored, [{ kind: 'completed', at: at(2026, 3, 30, 0, 30) }]);
    expect(Object.keys(history).sort().slice(0, 2)).toEqual(['2025-03-31', '2025-04-01']);
    expect(history['2026-03-30']?.completed).toBe(1);
  });

  it('a record dated years ahead (a clock set wrong) keeps every day of the year before it', () => {
    const stored = daysInARow('2025-12-05', 363); // up to 2026-12-02, two days short of a full year
    const jumped = applyRecords(stored, [{ kind: 'completed', at: at(2030, 6, 1) }]);
    expect(Object.keys(jumped).length).toBe(364);
    // The clock stays ahead for more records, that day and the next: nothing goes until a full year is stored,
    const later = applyRecords(jumped, [{ kind: 'active', ms: 60_000, at: at(2030, 6, 1, 13) }, { kind: 'completed', at: at(2030, 6, 2) }]);
    expect(Object.keys(later).length).toBe(365);
    // then each new day pushes out only the oldest, as a real new day would.
    const dayAfter = applyRecords(later, [{ kind: 'completed', at: at(2030, 6, 3) }]);
    expect(Object.keys(dayAfter).length).toBe(365);
    expect(Object.keys(dayAfter).sort()[0]).toBe('2025-12-06');
    // The clock is put right: the history goes on from the true day.
    const back = applyRecords(dayAfter, [{ kind: 'completed', at: at(2026, 12, 3) }]);
    expect(back['2026-12-02']?.completed).toBe(1);
    expect(back['2026-12-03']?.completed).toBe(1);
  });

  it('never prunes past the newest stored day plus two, whatever day a record says', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 365 }), fc.integer({ min: 0, max: 20_000 }), (storedDays, daysAhead) => {
        const stored = daysInARow('2025-01-01', storedDays);
        const newest = addDays('2025-01-01', storedDays - 1);
        const recordDay = addDays(newest, daysAhead);
        const [y, m, d] = recordDay.split('-').map(Number) as [number, number, number];
        const history = applyRecords(stored, [{ kind: 'completed', at: at(y, m, d) }]);
        const oldestAllowed = addDays(addDays(newest, Math.min(daysAhead, 2)), -364);
        for (const day of Object.keys(stored)) if (day >= oldestAllowed) expect(history).toHaveProperty([day]);
      }),
      { numRuns: 200 },
    );
  });

  it('a history of fewer than 365 days loses none of them', () => {
    const history = withCompleted('2024-02-01', '2025-11-25', '2026-11-25');
    expect(Object.keys(keepLastYear(history, '2026-11-25')).sort()).toEqual(['2024-02-01', '2025-11-25', '2026-11-25']);
  });
});
