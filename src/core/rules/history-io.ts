// History in and out: CSV and JSON export, and a JSON import that checks everything before it changes anything (merge rule: history-merge.ts).

import { addDays, DAY_ACTIVE_MS_MAX, DAY_COUNT_MAX, isRealDayKey, type DayTally, type History } from './history';
import { importDays, type HistoryStore, type ImportedResult } from './history-merge';
import { isCount, isPlainObject } from './fields';
import type { MessageKey, PluralBase } from '../contracts/message-keys';

// Merging checked days in is the background's part; it lives apart so the worker loads no file checking.
export { importDays, mergeImported, type HistoryStore, type ImportedResult, type MergeSummary } from './history-merge';

export const EXPORT_FORMAT = 'unhunch-history';
export const EXPORT_VERSION = 1;

/** Anything bigger is not an export of at most a year of days (one is ~40 KB). */
export const IMPORT_MAX_CHARS = 1_000_000;
/** The longest list of problems shown; the rest are counted. */
export const IMPORT_MAX_PROBLEMS = 20;
export { DAY_ACTIVE_MS_MAX, DAY_COUNT_MAX } from './history';

const TALLY_FIELDS = ['activeMs', 'completed', 'snoozed', 'skipped', 'natural', 'held'] as const satisfies readonly (keyof DayTally)[];
/** Fields an older export may lack: they read as 0. */
const OPTIONAL_TALLY_FIELDS: readonly string[] = ['held'];

export interface HistoryExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** ISO 8601 instant. */
  exportedAt: string;
  days: History;
}

/** A problem as i18n data: a `_locales` message key and its substitutions. */
export type ImportProblem =
  | { key: MessageKey; params: string[]; count?: undefined }
  /** `key` is a plural family (`<key>_one`, `<key>_other`, …), its form chosen by `count`. */
  | { key: PluralBase; params: string[]; count: number };

export type ImportParseResult = { ok: true; days: History } | { ok: false; problems: ImportProblem[] };

function sortedDays(history: History): History {
  const sorted: History = {};
  for (const key of Object.keys(history).sort()) sorted[key] = history[key]!;
  return sorted;
}

export function historyToJson(history: History, exportedAtMs: number): string {
  const file: HistoryExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(exportedAtMs).toISOString(),
    days: sortedDays(history),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** One CSV field, quoted when RFC 4180 requires it (comma, quote, CR or LF inside). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** Column names are stable identifiers, not translated, so scripts and spreadsheets can rely on them. */
export const CSV_HEADER = ['date', 'active_minutes', 'breaks_completed', 'breaks_snoozed', 'breaks_skipped', 'natural_breaks', 'breaks_held'] as const;

/** One row per stored day, oldest first, CRLF line ends (RFC 4180). */
export function historyToCsv(history: History): string {
  let csv = csvRow(CSV_HEADER);
  for (const [day, t] of Object.entries(sortedDays(history))) {
    const activeMinutes = String(Math.round(t.activeMs / 6_000) / 10);
    csv += csvRow([day, activeMinutes, String(t.completed), String(t.snoozed), String(t.skipped), String(t.natural), String(t.held)]);
  }
  return csv;
}

/** Where in the file, as the user would read it: `days.2026-11-02.completed`. */
function childPath(parent: string, key: string): string {
  const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return /^[\w-]+$/.test(key) ? `${parent}.${shown}` : `${parent}[${JSON.stringify(shown)}]`;
}

/** The answer for a file over IMPORT_MAX_CHARS: checked on its size before it is read, then on its text. */
export function tooLargeToImport(): { ok: false; problems: ImportProblem[] } {
  return { ok: false, problems: [{ key: 'importTooLarge', params: [String(IMPORT_MAX_CHARS / 1_000_000)] }] };
}

/**
 * Checks an import file completely. Every problem is reported with where it is, so the user
 * can fix the file; a file with any problem imports nothing.
 */
export function parseHistoryImport(text: string, todayKey: string): ImportParseResult {
  if (text.length > IMPORT_MAX_CHARS) return tooLargeToImport();
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return fail([{ key: 'importNotJson', params: [] }]);
  }
  if (!isPlainObject(file)) return fail([{ key: 'importNotObject', params: [] }]);

  const problems: ImportProblem[] = [];
  const report = (key: MessageKey, path: string, ...more: string[]) => problems.push({ key, params: [path, ...more] });

  if (file.format !== EXPORT_FORMAT) {
    // Anything else isn't ours: saying so beats a list of a stranger file's differences.
    return fail([{ key: 'importWrongFormat', params: ['format', EXPORT_FORMAT] }]);
  }
  if (!Object.hasOwn(file, 'version')) report('importMissing', 'version');
  else if (file.version !== EXPORT_VERSION) report('importUnsupportedVersion', 'version', String(EXPORT_VERSION));
  if (Object.hasOwn(file, 'exportedAt') && (typeof file.exportedAt !== 'string' || Number.isNaN(Date.parse(file.exportedAt)))) {
    report('importBadExportedAt', 'exportedAt');
  }
  for (const key of Object.keys(file)) {
    if (!['format', 'version', 'exportedAt', 'days'].includes(key)) report('importUnknownField', childPath('', key).replace(/^\./, ''));
  }

  const days: History = {};
  if (!Object.hasOwn(file, 'days')) report('importMissing', 'days');
  else if (!isPlainObject(file.days)) report('importMustBeObject', 'days');
  else {
    // A day an hour or so ahead is another time zone's today; more is a wrong date.
    const latestAllowed = addDays(todayKey, 1);
    // JSON.parse keeps the last of two equal keys: a day written twice would import one of them unsaid.
    for (const dayKey of duplicateKeysOf(text, 'days')) report('importDuplicateDay', childPath('days', dayKey));
    for (const [dayKey, value] of Object.entries(file.days)) {
      const dayPath = childPath('days', dayKey);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(dayKey)) report('importBadDayKey', dayPath);
      else if (!isRealDayKey(dayKey)) report('importNotRealDate', dayPath);
      else if (dayKey > latestAllowed) report('importFutureDate', dayPath);
      const tally = checkTally(value, dayPath, report);
      if (tally && problems.length === 0) days[dayKey] = tally;
    }
  }
  return problems.length > 0 ? fail(problems) : { ok: true, days };
}

function checkTally(value: unknown, path: string, report: (key: MessageKey, path: string, ...more: string[]) => void): DayTally | null {
  if (!isPlainObject(value)) {
    report('importMustBeObject', path);
    return null;
  }
  let valid = true;
  for (const field of TALLY_FIELDS) {
    const fieldPath = `${path}.${field}`;
    const v = value[field];
    if (!Object.hasOwn(value, field)) {
      if (OPTIONAL_TALLY_FIELDS.includes(field)) continue;
      report('importMissing', fieldPath);
    }
    else if (field === 'activeMs' ? !isActiveMs(v) : !isCount(v)) {
      if (field === 'activeMs') report('importNotActiveMs', fieldPath, String(DAY_ACTIVE_MS_MAX));
      else report('importNotCount', fieldPath);
    } else if (field !== 'activeMs' && (v as number) > DAY_COUNT_MAX) report('importCountTooHigh', fieldPath, String(DAY_COUNT_MAX));
    else continue;
    valid = false;
  }
  for (const key of Object.keys(value)) {
    if (!(TALLY_FIELDS as readonly string[]).includes(key)) {
      report('importUnknownField', childPath(path, key));
      valid = false;
    }
  }
  if (!valid) return null;
  const t = value as unknown as DayTally;
  return { activeMs: t.activeMs, completed: t.completed, snoozed: t.snoozed, skipped: t.skipped, natural: t.natural, held: t.held ?? 0 };
}

/**
 * Keys written more than once in the top-level object's `member` object of a JSON text that
 * JSON.parse accepted. Walks the text once, keeping a set of keys per open object.
 */
export function duplicateKeysOf(json: string, member: string): string[] {
  interface Open {
    keys: Set<string> | null; // null for an array
    expectingKey: boolean;
    lastKey: string | null;
    inMember: boolean;
  }
  const stack: Open[] = [];
  const duplicates = new Set<string>();
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    const top = stack[stack.length - 1];
    if (c === '{' || c === '[') {
      const inMember = stack.length === 1 && top?.lastKey === member;
      stack.push({ keys: c === '{' ? new Set() : null, expectingKey: c === '{', lastKey: null, inMember });
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top?.keys) top.expectingKey = true;
    else if (c === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      if (top?.keys && top.expectingKey) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (top.inMember && top.keys.has(key)) duplicates.add(key);
        top.keys.add(key);
        top.lastKey = key;
        top.expectingKey = false;
      }
      i = end;
    }
  }
  return [...duplicates];
}

function isActiveMs(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= DAY_ACTIVE_MS_MAX;
}

function fail(problems: ImportProblem[]): ImportParseResult {
  if (problems.length <= IMPORT_MAX_PROBLEMS) return { ok: false, problems };
  const shown = problems.slice(0, IMPORT_MAX_PROBLEMS);
  const more = problems.length - IMPORT_MAX_PROBLEMS;
  shown.push({ key: 'importMoreProblems', params: [String(more)], count: more });
  return { ok: false, problems: shown };
}

export type ImportResult = ImportedResult | { ok: false; problems: ImportProblem[] };

/** Validates `text` and, only if it is a valid export, merges it into the stored history. */
export async function importHistory(store: HistoryStore, text: string, todayKey: string): Promise<ImportResult> {
  const parsed = parseHistoryImport(text, todayKey);
  return parsed.ok ? importDays(store, parsed.days, todayKey) : parsed;
}
