// Merging imported days (already checked) into the stored history: the background's part of a history import.
//
// Merge rule: an imported day REPLACES the stored tally of the same day; stored days that the
// file doesn't mention stay as they are. An export is a snapshot of whole days, so importing
// the same file twice gives the same history (adding would count every break twice), and
// moving to a new browser profile carries the old days over without touching the new ones.
// Days older than a year are dropped, as everywhere else in the history (keepLastYear), and a
// day in the file dated ahead of today never makes the stored days count as old.

import { addDays, HISTORY_DAYS_KEPT, keepLastYear, readHistory, type History } from './history';

export interface MergeSummary {
  /** Days in the file that weren't stored before. */
  added: number;
  /** Days in the file that replaced a stored day. */
  replaced: number;
  /** Days in the file older than a year, not kept. */
  tooOld: number;
  /** The file's oldest and newest kept day, if any. */
  firstDay: string | null;
  lastDay: string | null;
}

/** Applies the merge rule above: imported days replace the same stored days. */
export function mergeImported(stored: History, imported: History, todayKey: string): { history: History; summary: MergeSummary } {
  const oldestKept = addDays(todayKey, -(HISTORY_DAYS_KEPT - 1));
  const summary: MergeSummary = { added: 0, replaced: 0, tooOld: 0, firstDay: null, lastDay: null };
  const merged: History = { ...stored };
  for (const day of Object.keys(imported).sort()) {
    if (day < oldestKept) {
      summary.tooOld += 1;
      continue;
    }
    if (Object.hasOwn(stored, day)) summary.replaced += 1;
    else summary.added += 1;
    merged[day] = imported[day]!;
    summary.firstDay ??= day;
    summary.lastDay = day;
  }
  return { history: keepLastYear(merged, todayKey, stored), summary };
}

/** Where the history is kept; the background passes storage.local, tests an in-memory map. */
export interface HistoryStore {
  read(): Promise<unknown>;
  write(history: History): Promise<void>;
}

export type ImportedResult = { ok: true; summary: MergeSummary };

/** Merges days that passed the import check (history-io.ts) into the stored history. */
export async function importDays(store: HistoryStore, days: History, todayKey: string): Promise<ImportedResult> {
  const { history, summary } = mergeImported(readHistory(await store.read()), days, todayKey);
  await store.write(history);
  return { ok: true, summary };
}
