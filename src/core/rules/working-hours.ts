// Working hours in local time: which stretches of the clock count, across midnight and DST changes.

import type { WorkingHours } from './settings-schema';

const DAY_LOOKAHEAD = 400;

interface Interval {
  start: number;
  end: number;
}

/** Local midnight of the day `dayOffset` days after the day containing `epochMs`. */
function localMidnight(epochMs: number, dayOffset: number): Date {
  const d = new Date(epochMs);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + dayOffset);
}

/** `minute` minutes after local midnight of `day`, as the wall clock reads it (DST-correct). */
function atLocalMinute(day: Date, minute: number): number {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), 0, minute).getTime();
}

/** The working interval that starts on `day`, if `day` is a working day. */
function intervalOn(day: Date, hours: WorkingHours): Interval | null {
  if (!hours.days.includes(day.getDay())) return null;
  const start = atLocalMinute(day, hours.startMinute);
  // End before (or at) start: the window runs past midnight into the next day.
  const endDay = hours.endMinute > hours.startMinute ? day : localMidnight(day.getTime(), 1);
  return { start, end: atLocalMinute(endDay, hours.endMinute) };
}

/** Working intervals overlapping [from, ∞), in order, for at most `days` days. */
function* intervalsFrom(from: number, hours: WorkingHours, days = DAY_LOOKAHEAD): Generator<Interval> {
  // Start a day early: yesterday's window may run past midnight into today.
  for (let offset = -1; offset <= days; offset++) {
    const interval = intervalOn(localMidnight(from, offset), hours);
    if (interval && interval.end > from) yield interval;
  }
}

export function isWithinWorkingHours(at: number, hours: WorkingHours | null): boolean {
  if (!hours) return true;
  for (const { start, end } of intervalsFrom(at, hours, 1)) {
    if (start <= at && at < end) return true;
    if (start > at) break;
  }
  return false;
}

/** How much of [from, to) lies inside working hours (all of it without a schedule). */
export function countableMsBetween(from: number, to: number, hours: WorkingHours | null): number {
  if (to <= from) return 0;
  if (!hours) return to - from;
  let total = 0;
  const days = Math.ceil((to - from) / 86_400_000) + 1;
  for (const { start, end } of intervalsFrom(from, hours, days)) {
    if (start >= to) break;
    total += Math.max(0, Math.min(end, to) - Math.max(start, from));
  }
  return total;
}

/** The moment at which `ms` of countable time will have passed since `from`; null if never. */
export function addCountableMs(from: number, ms: number, hours: WorkingHours | null): number | null {
  if (!hours) return from + ms;
  let remaining = ms;
  for (const { start, end } of intervalsFrom(from, hours)) {
    const begin = Math.max(start, from);
    if (remaining <= end - begin) return begin + remaining;
    remaining -= end - begin;
  }
  return null;
}

/**
 * "Pause until tomorrow": the first working-hours start on a later calendar day than `now`, or,
 * with no schedule, the schedule's start time tomorrow.
 */
export function tomorrowStart(now: number, hours: WorkingHours): number {
  if (hours.enabled && hours.days.length > 0) {
    for (let offset = 1; offset <= 8; offset++) {
      const interval = intervalOn(localMidnight(now, offset), hours);
      if (interval) return interval.start;
    }
  }
  return atLocalMinute(localMidnight(now, 1), hours.startMinute);
}
