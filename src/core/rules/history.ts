// Per-day tallies of active time and breaks, keyed by the user's local calendar day.

import type { HistoryRecord } from './schedule';
import { isCount, isPlainObject } from './fields';

export interface DayTally {
  activeMs: number;
  completed: number;
  snoozed: number;
  skipped: number;
  natural: number;
  /** Breaks held for a call (each counted once, on the day it was first held). */
  held: number;
}

/** Day key (`YYYY-MM-DD`, local time) → that day's tally. */
export type History = Record<string, DayTally>;

const DAY_KEY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export const HISTORY_DAYS_KEPT = 365;

/** A day has at most 25 hours (the day the clocks go back). */
export const DAY_ACTIVE_MS_MAX = 25 * 3_600_000;
/** More breaks of one kind than minutes in the longest day is no history of a person's day. */
export const DAY_COUNT_MAX = 25 * 60;

/** A day's tally that a real day could have: what an import may bring in. */
export function isPossibleDay(t: DayTally): boolean {
  return t.activeMs <= DAY_ACTIVE_MS_MAX && [t.completed, t.snoozed, t.skipped, t.natural, t.held].every((count) => count <= DAY_COUNT_MAX);
}

export function emptyTally(): DayTally {
  return { activeMs: 0, completed: 0, snoozed: 0, skipped: 0, natural: 0, held: 0 };
}

/** The local calendar day of an instant, as `YYYY-MM-DD`. */
export function localDayKey(epochMs: number): string {
  const d = new Date(epochMs);
  return dayKeyOf(d.getFullYear(), d.getMonth(), d.getDate());
}

/** `YYYY-MM-DD` of a calendar date; `monthIndex` counts from 0, as Date does. */
function dayKeyOf(year: number, monthIndex: number, day: number): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(monthIndex + 1)}-${pad(day)}`;
}

export function tallyFor(history: History, dayKey: string): DayTally {
  return history[dayKey] ?? emptyTally();
}

/**
 * Breaks taken (routines completed) in the history kept, a year's worth: what "take turns" counts.
 * A snooze or a skip takes no turn; a day dropping out of the year may shift the count, at most
 * once a night.
 */
export function breaksTaken(history: History): number {
  return Object.values(history).reduce((sum, day) => sum + day.completed, 0);
}

/** Adds records to the history and drops days older than a year (see keepLastYear). */
export function applyRecords(history: History, records: readonly HistoryRecord[]): History {
  if (records.length === 0) return history;
  const next: History = { ...history };
  for (const record of records) {
    const key = localDayKey(record.at);
    const tally = { ...(next[key] ?? emptyTally()) };
    if (record.kind === 'active') tally.activeMs = Math.max(0, tally.activeMs + record.ms);
    else tally[record.kind] += 1;
    next[key] = tally;
  }
  return keepLastYear(next, localDayKey(records[records.length - 1]!.at), history);
}

/** Reads stored history; a corrupt day is dropped on its own, the rest survive. */
export function readHistory(stored: unknown): History {
  if (!isPlainObject(stored)) return {};
  const history: History = {};
  for (const [key, t] of Object.entries(stored)) {
    if (!DAY_KEY_PATTERN.test(key) || !isPlainObject(t)) continue;
    if (typeof t.activeMs === 'number' && t.activeMs >= 0 && isCount(t.completed) && isCount(t.snoozed) && isCount(t.skipped) && isCount(t.natural)) {
      // Days stored before breaks were held for calls have no `held`.
      const held = isCount(t.held) ? t.held : 0;
      history[key] = { activeMs: t.activeMs, completed: t.completed, snoozed: t.snoozed, skipped: t.skipped, natural: t.natural, held };
    }
  }
  return history;
}

// Calendar arithmetic on day keys. A day key names a calendar date, not an instant, so it is
// done in UTC, where every day has 24 hours: DST changes and month/year ends can't skew it.

/** True for `YYYY-MM-DD` strings that name a date that exists (no 2026-02-30). */
export function isRealDayKey(key: string): boolean {
  const match = DAY_KEY_PATTERN.exec(key);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The day key `days` calendar days after (or, negative, before) `dayKey`. */
export function addDays(dayKey: string, days: number): string {
  const match = DAY_KEY_PATTERN.exec(dayKey);
  if (!match) throw new RangeError(`not a day key: ${dayKey}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return dayKeyOf(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

export interface DaySeriesEntry {
  day: string;
  tally: DayTally;
}

/** The `count` days ending with `todayKey`, oldest first; days without data are zeros. */
export function lastDays(history: History, todayKey: string, count: number): DaySeriesEntry[] {
  const series: DaySeriesEntry[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const day = addDays(todayKey, -back);
    series.push({ day, tally: tallyFor(history, day) });
  }
  return series;
}

/**
 * Consecutive days, up to today, with at least one completed break. Today without one yet
 * does not break a streak that ran to yesterday: the day isn't over.
 */
export function currentStreak(history: History, todayKey: string): number {
  let day = tallyFor(history, todayKey).completed > 0 ? todayKey : addDays(todayKey, -1);
  let streak = 0;
  // History is kept for a year, so a streak can't be longer than the days stored.
  while (streak <= HISTORY_DAYS_KEPT + 1 && tallyFor(history, day).completed > 0) {
    streak += 1;
    day = addDays(day, -1);
  }
  return streak;
}

/** How far past the newest day stored a new day may move the year kept: today and a time zone or two ahead. */
export const PRUNE_AHEAD_DAYS = 2;

/**
 * Drops days older than a year, by calendar days, counted back from `todayKey` — but never from
 * further than PRUNE_AHEAD_DAYS past the newest day in `before` (the history as it was), and never
 * leaving fewer than HISTORY_DAYS_KEPT days. A clock set years ahead, for a minute or for a day,
 * or one stray record must not empty the history: the day it writes moves the year kept by at
 * most two days, and while the clock stays ahead each new day it writes can push out only the
 * oldest day of a full year, as a real new day would.
 */
export function keepLastYear(history: History, todayKey: string, before: History = history): History {
  const storedNewest = newestDay(before);
  const aheadLimit = storedNewest === null ? todayKey : addDays(storedNewest, PRUNE_AHEAD_DAYS);
  const oldestKept = addDays(todayKey < aheadLimit ? todayKey : aheadLimit, -(HISTORY_DAYS_KEPT - 1));
  const days = Object.keys(history).sort();
  let droppable = days.length - HISTORY_DAYS_KEPT;
  const next: History = {};
  for (const day of days) {
    if (droppable > 0 && day < oldestKept) droppable -= 1;
    else next[day] = history[day]!;
  }
  return next;
}

function newestDay(history: History): string | null {
  let newest: string | null = null;
  for (const day of Object.keys(history)) if (newest === null || day > newest) newest = day;
  return newest;
}
