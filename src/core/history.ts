// Per-day tallies of active time and breaks, keyed by the user's local calendar day.

import type { HistoryRecord } from './schedule';

export interface DayTally {
  activeMs: number;
  completed: number;
  snoozed: number;
  skipped: number;
  natural: number;
}

/** Day key (`YYYY-MM-DD`, local time) → that day's tally. */
export type History = Record<string, DayTally>;

export const HISTORY_DAYS_KEPT = 365;

export function emptyTally(): DayTally {
  return { activeMs: 0, completed: 0, snoozed: 0, skipped: 0, natural: 0 };
}

/** The local calendar day of an instant, as `YYYY-MM-DD`. */
export function localDayKey(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function tallyFor(history: History, dayKey: string): DayTally {
  return history[dayKey] ?? emptyTally();
}

/** Adds records to the history and drops days older than a year (from the newest record's day). */
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
  return pruneHistory(next, records[records.length - 1]!.at);
}

export function pruneHistory(history: History, now: number): History {
  const oldestKept = localDayKey(now - HISTORY_DAYS_KEPT * 86_400_000);
  const keys = Object.keys(history);
  if (keys.every((key) => key > oldestKept)) return history;
  const next: History = {};
  for (const key of keys) if (key > oldestKept) next[key] = history[key]!;
  return next;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** Reads stored history; a corrupt day is dropped on its own, the rest survive. */
export function readHistory(stored: unknown): History {
  if (typeof stored !== 'object' || stored === null) return {};
  const history: History = {};
  for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(key) || typeof value !== 'object' || value === null) continue;
    const t = value as Record<string, unknown>;
    if (typeof t.activeMs === 'number' && t.activeMs >= 0 && isCount(t.completed) && isCount(t.snoozed) && isCount(t.skipped) && isCount(t.natural)) {
      history[key] = { activeMs: t.activeMs, completed: t.completed, snoozed: t.snoozed, skipped: t.skipped, natural: t.natural };
    }
  }
  return history;
}
