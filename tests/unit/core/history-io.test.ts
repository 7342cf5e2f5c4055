// Export (CSV, JSON) and the validated JSON import: exact problems, nothing written on a bad file, the merge rule.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyTally, type DayTally, type History } from '../../../src/core/rules/history';
import {
  csvField,
  csvRow,
  DAY_ACTIVE_MS_MAX,
  historyToCsv,
  historyToJson,
  duplicateKeysOf,
  importHistory,
  IMPORT_MAX_PROBLEMS,
  mergeImported,
  parseHistoryImport,
  type HistoryStore,
  type ImportProblem,
} from '../../../src/core/rules/history-io';

const TODAY = '2026-11-25';
const EN_MESSAGES = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;

const tally = (partial: Partial<DayTally>): DayTally => ({ ...emptyTally(), ...partial });
const file = (days: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'unhunch-history', version: 1, exportedAt: '2026-11-25T10:00:00.000Z', days, ...extra });

/** The problems as the user reads them in English, e.g. `days.2026-02-30: not a real date`. */
function problemTexts(text: string): string[] {
  const result = parseHistoryImport(text, TODAY);
  if (result.ok) throw new Error('expected the import to fail');
  return result.problems.map(render);
}

function render(problem: ImportProblem): string {
  // A count picks its plural form (`importMoreProblems_one` / `_other`), as tPlural does.
  const key = problem.count === undefined ? problem.key : `${problem.key}_${new Intl.PluralRules('en').select(problem.count)}`;
  const entry = EN_MESSAGES[key];
  if (!entry) throw new Error(`no en message for ${problem.key}`);
  let i = 0;
  return entry.message.replace(/\$[A-Z_]+\$/g, () => problem.params[i++] ?? '<missing parameter>');
}

class MemoryStore implements HistoryStore {
  writes = 0;
  constructor(public stored: unknown) {}
  async read() {
    return structuredClone(this.stored);
  }
  async write(history: History) {
    this.writes += 1;
    this.stored = structuredClone(history);
  }
}

describe('CSV export', () => {
  it('quotes only fields that need it, doubling inner quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField('')).toBe('');
    expect(csvRow(['x', 'y,z', '"'])).toBe('x,"y,z",""""\r\n');
  });

  it('has a header row and one CRLF-terminated row per day, oldest first, active time in minutes', () => {
    const history: History = {
      '2026-11-25': tally({ activeMs: 90_000, completed: 1 }),
      '2026-11-02': tally({ activeMs: 3_600_000, completed: 3, snoozed: 2, skipped: 1, natural: 4, held: 5 }),
    };
    expect(historyToCsv(history)).toBe(
      'date,active_minutes,breaks_completed,breaks_snoozed,breaks_skipped,natural_breaks,breaks_held\r\n' +
        '2026-11-02,60,3,2,1,4,5\r\n' +
        '2026-11-25,1.5,1,0,0,0,0\r\n',
    );
  });

  it('an empty history is just the header', () => {
    expect(historyToCsv({}).split('\r\n')).toEqual(['date,active_minutes,breaks_completed,breaks_snoozed,breaks_skipped,natural_breaks,breaks_held', '']);
  });
});

describe('JSON export', () => {
  it('carries format, version, exportedAt and the days, sorted', () => {
    const json = JSON.parse(historyToJson({ '2026-11-25': tally({ completed: 1 }), '2026-01-01': tally({}) }, Date.UTC(2026, 10, 25, 10)));
    expect(json).toEqual({
      format: 'unhunch-history',
      version: 1,
      exportedAt: '2026-11-25T10:00:00.000Z',
      days: { '2026-01-01': tally({}), '2026-11-25': tally({ completed: 1 }) },
    });
    expect(Object.keys(json.days)).toEqual(['2026-01-01', '2026-11-25']);
  });

  it('an export from before breaks were held for calls (no `held`) still imports, with none held', async () => {
    const older = { format: 'unhunch-history', version: 1, days: { '2026-11-24': { activeMs: 60_000, completed: 2, snoozed: 1, skipped: 0, natural: 1 } } };
    const store = new MemoryStore({});
    expect((await importHistory(store, JSON.stringify(older), TODAY)).ok).toBe(true);
    expect(store.stored).toEqual({ '2026-11-24': tally({ activeMs: 60_000, completed: 2, snoozed: 1, natural: 1, held: 0 }) });
  });

  it('an export imports back to the same history', async () => {
    const history: History = { '2026-11-24': tally({ activeMs: 1234.5, completed: 2, natural: 1 }), '2026-06-01': tally({ skipped: 7 }) };
    const store = new MemoryStore({});
    const result = await importHistory(store, historyToJson(history, 0), TODAY);
    expect(result.ok).toBe(true);
    expect(store.stored).toEqual(history);
  });
});

describe('finding a key written twice in a JSON text', () => {
  it('finds repeated keys of the named member only, however they are written', () => {
    const text = String.raw`{ "other": {"a": 1, "a": 2}, "days": { "2026-11-02": {"x": "}{\"", "x": 1}, "2026-11-0\u0032": [ {"2026-11-03": 1} ], "2026-11-03": "\\" } }`;
    expect(JSON.parse(text)).toBeTruthy();
    expect(duplicateKeysOf(text, 'days')).toEqual(['2026-11-02']);
  });

  it('finds none in a file written by the export', () => {
    const history: History = { '2026-11-24': tally({ completed: 2 }), '2026-11-25': tally({}) };
    expect(duplicateKeysOf(historyToJson(history, 0), 'days')).toEqual([]);
  });
});

describe('JSON import says exactly what is wrong and where', () => {
  it.each<[string, string, string[]]>([
    ['an impossible date', file({ '2026-02-30': tally({}) }), ['days.2026-02-30: not a real date']],
    ['a negative count', file({ '2026-11-02': tally({ completed: -1 }) }), ['days.2026-11-02.completed: must be a whole number ≥ 0']],
    ['a fractional count', file({ '2026-11-02': tally({ skipped: 1.5 }) }), ['days.2026-11-02.skipped: must be a whole number ≥ 0']],
    ['a count as text', file({ '2026-11-02': { ...tally({}), natural: '3' } }), ['days.2026-11-02.natural: must be a whole number ≥ 0']],
    [
      'active time out of range',
      file({ '2026-11-02': tally({ activeMs: DAY_ACTIVE_MS_MAX + 1 }) }),
      [`days.2026-11-02.activeMs: must be a number of milliseconds from 0 to ${DAY_ACTIVE_MS_MAX}`],
    ],
    ['a missing field', file({ '2026-11-02': { activeMs: 0, completed: 0, snoozed: 0, skipped: 0 } }), ['days.2026-11-02.natural: missing']],
    ['an unknown field', file({ '2026-11-02': { ...tally({}), mood: 'ok' } }), ['days.2026-11-02.mood: unknown field']],
    ['a badly written date', file({ '2026-1-2': tally({}) }), ['days.2026-1-2: not a date in the form YYYY-MM-DD']],
    ['a strange key', file({ 'a b': tally({}) }), ['days["a b"]: not a date in the form YYYY-MM-DD']],
    ['a future day', file({ '2026-12-01': tally({}) }), ['days.2026-12-01: is in the future']],
    ['more breaks than minutes in a day', file({ '2026-11-02': tally({ snoozed: 1_501 }) }), ['days.2026-11-02.snoozed: more than 1500 in one day']],
    [
      'a day written twice',
      `{"format":"unhunch-history","version":1,"days":{"2026-11-02":${JSON.stringify(tally({}))},"2026-11-03":${JSON.stringify(tally({}))},"2026-11-02":${JSON.stringify(tally({ completed: 9 }))}}}`,
      ['days.2026-11-02: is in the file twice'],
    ],
    ['a tally field named like an inherited one', file({ '2026-11-02': { ...tally({}), toString: 1 } }), ['days.2026-11-02.toString: unknown field']],
    ['a day that is not an object', file({ '2026-11-02': [1, 2] }), ['days.2026-11-02: must be an object { … }']],
    ['days that are not an object', file([]), ['days: must be an object { … }']],
    ['no days', JSON.stringify({ format: 'unhunch-history', version: 1 }), ['days: missing']],
    ['a newer version', file({}, { version: 2 }), ['version: not supported (this Unhunch reads version 1)']],
    ['a bad export time', file({}, { exportedAt: 'yesterday' }), ['exportedAt: must be a date and time (ISO 8601)']],
    ['an unknown top-level field', file({}, { extra: 1 }), ['extra: unknown field']],
    ['another format', JSON.stringify({ format: 'csv', days: {} }), ['format: must be "unhunch-history" — this is not a Unhunch history export.']],
    ['not JSON', '{"format": "unhunch-history",', ["The file isn't valid JSON."]],
    ['a JSON array', '[]', ['The file must contain one JSON object: { "format": "unhunch-history", … }.']],
  ])('%s', (_name, text, expected) => {
    expect(problemTexts(text)).toEqual(expected);
  });

  it('lists every problem in the file, not just the first', () => {
    const texts = problemTexts(file({ '2026-02-30': tally({ completed: -1 }), '2026-11-02': tally({ snoozed: 0.5 }) }, { version: 3 }));
    expect(texts).toEqual([
      'version: not supported (this Unhunch reads version 1)',
      'days.2026-02-30: not a real date',
      'days.2026-02-30.completed: must be a whole number ≥ 0',
      'days.2026-11-02.snoozed: must be a whole number ≥ 0',
    ]);
  });

  it(`shows at most ${IMPORT_MAX_PROBLEMS} problems and counts the rest`, () => {
    const days = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`2026-10-${String(i + 1).padStart(2, '0')}`, tally({ completed: -1 })]));
    const texts = problemTexts(file(days));
    expect(texts).toHaveLength(IMPORT_MAX_PROBLEMS + 1);
    expect(texts.at(-1)).toBe('… and 10 more problems');
  });

  it('refuses a huge file before parsing it', () => {
    expect(problemTexts(' '.repeat(1_000_001))).toEqual(['The file is larger than 1 MB, too large for a Unhunch history.']);
  });
});

describe('merge rule: imported days replace the same stored days, others stay', () => {
  const stored: History = { '2026-11-20': tally({ completed: 5 }), '2026-11-21': tally({ completed: 1 }) };

  it('replaces a day in the file, keeps days not in the file, adds new ones', () => {
    const { history, summary } = mergeImported(stored, { '2026-11-21': tally({ completed: 2 }), '2026-11-22': tally({ skipped: 1 }) }, TODAY);
    expect(history).toEqual({ '2026-11-20': tally({ completed: 5 }), '2026-11-21': tally({ completed: 2 }), '2026-11-22': tally({ skipped: 1 }) });
    expect(summary).toEqual({ added: 1, replaced: 1, tooOld: 0, firstDay: '2026-11-21', lastDay: '2026-11-22' });
  });

  it('importing the same file twice gives the same history (nothing counted twice)', async () => {
    const store = new MemoryStore(stored);
    const text = file({ '2026-11-21': tally({ completed: 2 }) });
    await importHistory(store, text, TODAY);
    const once = structuredClone(store.stored);
    await importHistory(store, text, TODAY);
    expect(store.stored).toEqual(once);
  });

  it('leaves out days older than a year and says how many', () => {
    const { history, summary } = mergeImported({}, { '2025-11-25': tally({ completed: 1 }), '2025-11-26': tally({ completed: 1 }) }, TODAY);
    expect(Object.keys(history)).toEqual(['2025-11-26']);
    expect(summary.tooOld).toBe(1);
  });
});

// ---- Properties: malformed files never crash and never change the stored history. ----

const validTally = fc.record({
  activeMs: fc.integer({ min: 0, max: DAY_ACTIVE_MS_MAX }),
  completed: fc.nat(50),
  snoozed: fc.nat(50),
  skipped: fc.nat(50),
  natural: fc.nat(50),
  held: fc.nat(50),
});
const recentDay = fc.integer({ min: 0, max: 500 }).map((n) => {
  const d = new Date(Date.UTC(2026, 10, 25 - n));
  return d.toISOString().slice(0, 10);
});
const validDays = fc.dictionary(recentDay, validTally, { maxKeys: 12 });
const validFile = fc.record({ days: validDays }).map(({ days }) => ({
  format: 'unhunch-history',
  version: 1,
  exportedAt: '2026-11-25T09:00:00.000Z',
  days: days as Record<string, unknown>,
}));

type Mutation = (f: Record<string, unknown>) => unknown;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
// A later defect may meet a file an earlier one already turned into a non-object; that file stays as it is.
const withDayOf = (f: Record<string, unknown>) => (isRecord(f.days) ? f.days : {});
const notACount = fc.oneof(
  fc.integer({ min: -1e6, max: -1 }),
  fc.double({ noNaN: true }).filter((x) => !Number.isInteger(x) || x < 0),
  fc.string(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.nat(), { maxLength: 2 }),
  fc.constant({}),
);
const field = fc.constantFrom('activeMs', 'completed', 'snoozed', 'skipped', 'natural');
const withDay = (f: Record<string, unknown>, key: string, value: unknown) => ({ ...f, days: { ...withDayOf(f), [key]: value } });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.string(), validTally).filter(([k]) => !/^\d{4}-\d{2}-\d{2}$/.test(k)).map(([k, t]): Mutation => (f) => withDay(f, k, t)),
  fc.tuple(fc.constantFrom('2026-02-29', '2026-02-30', '2026-13-01', '2026-00-05', '2026-04-31', '2026-11-00', '2026-11-32'), validTally)
    .map(([k, t]): Mutation => (f) => withDay(f, k, t)),
  fc.tuple(fc.integer({ min: 2, max: 4000 }), validTally).map(([n, t]): Mutation => (f) => withDay(f, new Date(Date.UTC(2026, 10, 25 + n)).toISOString().slice(0, 10), t)),
  // Active time may be fractional (it is measured in ms), so a positive fraction is not a defect there.
  fc.tuple(recentDay, validTally, field, notACount)
    .filter(([, , name, bad]) => name !== 'activeMs' || typeof bad !== 'number' || bad < 0)
    .map(([k, t, name, bad]): Mutation => (f) => withDay(f, k, { ...t, [name]: bad })),
  fc.tuple(recentDay, validTally).map(([k, t]): Mutation => (f) => withDay(f, k, { ...t, activeMs: DAY_ACTIVE_MS_MAX + 1 + t.activeMs })),
  fc.tuple(recentDay, validTally, field).map(([k, t, name]): Mutation => (f) => {
    const copy: Record<string, unknown> = { ...t };
    delete copy[name];
    return withDay(f, k, copy);
  }),
  fc.tuple(recentDay, validTally, fc.string().filter((s) => !['activeMs', 'completed', 'snoozed', 'skipped', 'natural'].includes(s)), fc.jsonValue())
    .map(([k, t, name, v]): Mutation => (f) => withDay(f, k, { ...t, [name]: v })),
  fc.tuple(recentDay, fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.array(fc.nat()))).map(([k, v]): Mutation => (f) => withDay(f, k, v)),
  fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.array(validTally)).map((v): Mutation => (f) => ({ ...f, days: v })),
  fc.constant<Mutation>((f) => ({ ...f, days: undefined })),
  fc.jsonValue().filter((v) => v !== 1).map((v): Mutation => (f) => ({ ...f, version: v })),
  fc.constant<Mutation>((f) => ({ ...f, version: undefined })),
  fc.jsonValue().filter((v) => v !== 'unhunch-history').map((v): Mutation => (f) => ({ ...f, format: v })),
  fc.oneof(fc.string().filter((s) => Number.isNaN(Date.parse(s))), fc.integer(), fc.constant(null)).map((v): Mutation => (f) => ({ ...f, exportedAt: v })),
  fc.tuple(fc.string().filter((s) => !['format', 'version', 'exportedAt', 'days'].includes(s)), fc.jsonValue()).map(([k, v]): Mutation => (f) => ({ ...f, [k]: v })),
  fc.oneof(fc.array(fc.jsonValue()), fc.string(), fc.double(), fc.constant(null), fc.boolean()).map((v): Mutation => () => v),
);

/** A malformed file: a valid export with one or more defects, or text that isn't even JSON. */
const malformedFile = fc.oneof(
  fc.tuple(validFile, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([f, ms]) => JSON.stringify(ms.reduce<unknown>((acc, m) => (isRecord(acc) ? m(acc) : acc), f))),
  fc.tuple(validFile, fc.nat()).map(([f, cut]) => {
    const text = JSON.stringify(f);
    return text.slice(0, cut % text.length);
  }),
  fc.string({ unit: 'binary' }).filter((s) => !s.trim().startsWith('{')),
  fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || (v as Record<string, unknown>).format !== 'unhunch-history').map((v) => JSON.stringify(v) ?? ''),
);

describe('properties', () => {
  it('1,500 generated malformed files: no crash, an exact problem list, nothing written, stored history unchanged', async () => {
    const storedHistory: History = { '2026-11-24': tally({ activeMs: 600_000, completed: 2 }), '2026-11-25': tally({ snoozed: 1 }) };
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(malformedFile, async (text) => {
        const store = new MemoryStore(structuredClone(storedHistory));
        const result = await importHistory(store, text, TODAY);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.problems.length).toBeGreaterThan(0);
        expect(result.problems.length).toBeLessThanOrEqual(IMPORT_MAX_PROBLEMS + 1);
        for (const problem of result.problems) {
          expect(EN_MESSAGES[problem.key], problem.key).toBeDefined();
          expect(problem.params.every((p) => typeof p === 'string')).toBe(true);
          expect(render(problem)).not.toContain('<missing parameter>');
        }
        expect(store.writes).toBe(0);
        expect(store.stored).toEqual(storedHistory);
        checked++;
      }),
      { numRuns: 1500 },
    );
    expect(checked).toBe(1500);
  });

  it('valid files import: each day of the file is stored exactly, other stored days are kept', async () => {
    await fc.assert(
      fc.asyncProperty(validFile, validDays, async (f, storedDays) => {
        const store = new MemoryStore(storedDays);
        const result = await importHistory(store, JSON.stringify(f), TODAY);
        expect(result.ok).toBe(true);
        const after = store.stored as History;
        const oldest = '2025-11-26';
        for (const [day, t] of Object.entries(f.days)) if (day >= oldest) expect(after[day]).toEqual(t);
        for (const [day, t] of Object.entries(storedDays)) if (!(day in f.days) && day >= oldest) expect(after[day]).toEqual(t);
        // Older days go, from a file always, from the store once a full 365 days remain without them.
        const old = Object.keys(after).filter((day) => day < oldest);
        for (const day of old) expect(storedDays).toHaveProperty([day]);
        if (old.length > 0) expect(Object.keys(after).length).toBeLessThanOrEqual(365);
      }),
      { numRuns: 300 },
    );
  });
});
