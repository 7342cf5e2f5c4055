// The settings schema: defaults, ranges, the stored format and its migration, reading safely, validating a change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXERCISE_IDS } from '../../../src/core/rules/exercises';
import { DEFAULT_SETTINGS, importSettings, migrateSettings, readSettings, SETTING_CHOICES, SETTING_KEYS, SETTING_RANGES, SETTINGS_VERSION, SYNC_QUOTA_BYTES_PER_ITEM, toStoredSettings, validateSettingsPatch, type Settings } from '../../../src/core/rules/settings-schema';
import { SETTINGS_KEY } from '../../../src/core/contracts/storage-keys';
import { FIELD_CONTROLS } from '../../../src/pages/options/fields';

/** Every rule a stored or saved Settings must satisfy, written independently of the schema. */
function expectValid(settings: Settings): void {
  for (const [key, [min, max]] of Object.entries(SETTING_RANGES)) {
    const value = settings[key as keyof typeof SETTING_RANGES];
    expect(Number.isInteger(value), key).toBe(true);
    expect(value, key).toBeGreaterThanOrEqual(min);
    expect(value, key).toBeLessThanOrEqual(max);
  }
  for (const key of ['strict', 'sound', 'voice', 'badgeMinutes'] as const) expect(typeof settings[key]).toBe('boolean');
  expect(SETTING_CHOICES.routine).toContain(settings.routine);
  expect(SETTING_CHOICES.routineRotation).toContain(settings.routineRotation);
  expect(SETTING_CHOICES.theme).toContain(settings.theme);
  expect(new Set(settings.disabledExercises).size).toBe(settings.disabledExercises.length);
  for (const id of settings.disabledExercises) expect(EXERCISE_IDS).toContain(id);
  const hours = settings.workingHours;
  expect(typeof hours.enabled).toBe('boolean');
  expect(new Set(hours.days).size).toBe(hours.days.length);
  for (const day of hours.days) expect(day >= 0 && day <= 6 && Number.isInteger(day)).toBe(true);
  for (const minute of [hours.startMinute, hours.endMinute]) expect(minute >= 0 && minute < 1440 && Number.isInteger(minute)).toBe(true);
  if (hours.enabled) {
    expect(hours.days.length).toBeGreaterThan(0);
    expect(hours.startMinute).not.toBe(hours.endMinute);
  }
  expect(settings.naturalBreakMinutes * 60).toBeGreaterThanOrEqual(settings.breakSeconds);
  expect(Object.keys(settings).sort()).toEqual([...SETTING_KEYS].sort());
}

describe('defaults and ranges (PRODUCT.md § Scheduling)', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      workMinutes: 30,
      breakSeconds: 120,
      snoozeMinutes: 5,
      maxSnoozesInRow: 3,
      naturalBreakMinutes: 5,
      headsUpSeconds: 60,
      idleDetectionSeconds: 60,
      strict: false,
      routine: 'desk',
      routineRotation: 'fixed',
      disabledExercises: [],
      sound: true,
      voice: false,
      theme: 'system',
      badgeMinutes: false,
      workingHours: { enabled: false, days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020 },
      callHoldMinutes: 60,
    });
    expectValid(DEFAULT_SETTINGS as Settings);
  });

  it('has the documented ranges, read from the schema', () => {
    expect(SETTING_RANGES).toEqual({
      workMinutes: [5, 180],
      breakSeconds: [60, 600],
      snoozeMinutes: [1, 60],
      maxSnoozesInRow: [0, 10],
      naturalBreakMinutes: [2, 30],
      headsUpSeconds: [0, 300],
      idleDetectionSeconds: [15, 600],
      callHoldMinutes: [0, 120],
    });
  });

  it('cannot be changed by accident (frozen defaults)', () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.workingHours.days)).toBe(true);
    const read = readSettings(undefined);
    read.workingHours.days.push(0);
    expect(DEFAULT_SETTINGS.workingHours.days).toEqual([1, 2, 3, 4, 5]);
  });

  it('fits one storage.sync item even at its largest', () => {
    const largest: Settings = {
      ...(DEFAULT_SETTINGS as Settings),
      disabledExercises: [...EXERCISE_IDS],
      routineRotation: 'rotate',
      theme: 'system',
      workingHours: { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], startMinute: 1439, endMinute: 1438 },
    };
    const bytes = SETTINGS_KEY.length + new TextEncoder().encode(JSON.stringify(toStoredSettings(largest))).length;
    expect(bytes).toBeLessThan(SYNC_QUOTA_BYTES_PER_ITEM / 4);
  });
});

describe('the options form is generated from the schema', () => {
  it('has a control for every setting, and only for settings', () => {
    expect(Object.keys(FIELD_CONTROLS).sort()).toEqual([...SETTING_KEYS].sort());
  });

  it('uses number inputs exactly for the ranged settings, and the schema choices for the pickers', () => {
    const numberKeys = Object.entries(FIELD_CONTROLS)
      .filter(([, control]) => control.kind === 'number')
      .map(([key]) => key);
    expect(numberKeys.sort()).toEqual(Object.keys(SETTING_RANGES).sort());
    for (const [key, control] of Object.entries(FIELD_CONTROLS)) {
      if (control.kind === 'choice') expect(Object.keys(control.optionKeys), key).toEqual([...SETTING_CHOICES[key as keyof typeof SETTING_CHOICES]]);
    }
  });
});

describe('the stored format and its migration', () => {
  it('stores { version: 1, ...settings } and reads it back unchanged', () => {
    const stored = toStoredSettings({ ...(DEFAULT_SETTINGS as Settings), workMinutes: 45 });
    expect(stored.version).toBe(SETTINGS_VERSION);
    expect(readSettings(stored)).toEqual({ ...DEFAULT_SETTINGS, workMinutes: 45 });
  });

  it('migrates version 0 (no version key): intervalMinutes becomes workMinutes, everything else is kept', () => {
    const v0 = { intervalMinutes: 50, breakSeconds: 180, routine: 'floor', sound: false };
    expect(migrateSettings(v0)).toEqual({ ok: true, fromVersion: 0, fields: { workMinutes: 50, breakSeconds: 180, routine: 'floor', sound: false } });
    expect(readSettings(v0)).toEqual({ ...DEFAULT_SETTINGS, workMinutes: 50, breakSeconds: 180, routine: 'floor', sound: false });
  });

  it('a version 0 object that already says workMinutes keeps it over intervalMinutes', () => {
    expect(readSettings({ workMinutes: 40, intervalMinutes: 50 }).workMinutes).toBe(40);
    expect(readSettings({ version: 0, intervalMinutes: 20 }).workMinutes).toBe(20);
  });

  it('does not apply the version 0 rename to version 1 data', () => {
    expect(readSettings({ version: 1, intervalMinutes: 50 }).workMinutes).toBe(30);
  });

  it('refuses a bad or newer version with a message naming it', () => {
    expect(migrateSettings({ version: 'x' })).toEqual({ ok: false, error: { key: 'settingsBadVersion', params: ['1'] } });
    expect(migrateSettings({ version: 7 })).toEqual({ ok: false, error: { key: 'settingsNewerVersion', params: ['7', '1'] } });
    expect(migrateSettings([])).toEqual({ ok: false, error: { key: 'settingsNotAnObject', params: [] } });
  });

  it('still reads what it understands of settings synced from a newer version', () => {
    expect(readSettings({ version: 9, workMinutes: 25, someFutureField: true })).toEqual({ ...DEFAULT_SETTINGS, workMinutes: 25 });
  });
});

describe('reading stored settings: one bad field falls back to its own default only', () => {
  it('gives the defaults for nothing or garbage', () => {
    for (const stored of [undefined, null, 42, 'settings', [], {}]) expect(readSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['workMinutes', 4],
    ['workMinutes', 181],
    ['workMinutes', 12.5],
    ['workMinutes', '30'],
    ['breakSeconds', Number.NaN],
    ['idleDetectionSeconds', 14],
    ['strict', 'yes'],
    ['routine', 'yoga'],
    ['routineRotation', 'shuffle'],
    ['theme', 'neon'],
    ['disabledExercises', 'cat-cow'],
    ['workingHours', 'nine to five'],
  ])('%s = %j falls back to its default and the rest survive', (key, bad) => {
    const stored = { ...toStoredSettings({ ...(DEFAULT_SETTINGS as Settings), snoozeMinutes: 9, voice: true }), [key]: bad };
    const read = readSettings(stored);
    expect(read[key as keyof Settings]).toEqual(DEFAULT_SETTINGS[key as keyof Settings]);
    expect(read.snoozeMinutes).toBe(9);
    expect(read.voice).toBe(true);
  });

  it('drops only unknown exercises from the disabled list', () => {
    expect(readSettings({ disabledExercises: ['cat-cow', 'headstand', 'cat-cow', 'doorway-pec'] }).disabledExercises).toEqual(['cat-cow', 'doorway-pec']);
  });

  it('falls back per working-hours field', () => {
    const read = readSettings({ workingHours: { enabled: true, days: [6, 0, 9, 'x', 6], startMinute: 600, endMinute: 99999 } });
    expect(read.workingHours).toEqual({ enabled: true, days: [0, 6], startMinute: 600, endMinute: 1020 });
  });

  it('switches off working hours that could never count, instead of silently stopping all breaks', () => {
    expect(readSettings({ workingHours: { enabled: true, days: [], startMinute: 600, endMinute: 700 } }).workingHours).toEqual({
      enabled: false,
      days: [],
      startMinute: 600,
      endMinute: 700,
    });
  });

  it('never lets the natural break be shorter than the break', () => {
    expect(readSettings({ breakSeconds: 600, naturalBreakMinutes: 2 }).naturalBreakMinutes).toBe(10);
    expect(readSettings({ breakSeconds: 150, naturalBreakMinutes: 2 }).naturalBreakMinutes).toBe(3);
  });

  it('never throws on random garbage and always yields valid settings (property)', () => {
    const fieldValue = fc.oneof(
      fc.anything(),
      fc.integer({ min: -10, max: 1000 }),
      fc.constantFrom(...EXERCISE_IDS, 'desk', 'floor', 'rotate', 'dark'),
      fc.array(fc.oneof(fc.integer({ min: -1, max: 8 }), fc.constantFrom(...EXERCISE_IDS))),
      fc.record({ enabled: fc.boolean(), days: fc.array(fc.integer({ min: -1, max: 8 })), startMinute: fc.integer({ min: -5, max: 1500 }), endMinute: fc.integer({ min: -5, max: 1500 }) }, { requiredKeys: [] }),
    );
    const storedShape = fc.dictionary(fc.constantFrom(...SETTING_KEYS, 'version', 'intervalMinutes', 'other'), fieldValue);
    fc.assert(
      fc.property(fc.oneof(fc.anything(), storedShape), (stored) => {
        expectValid(readSettings(stored));
      }),
      { numRuns: 500 },
    );
  });
});

describe('validating a change: all or nothing, with a message per field', () => {
  const current = { ...(DEFAULT_SETTINGS as Settings) };

  it('accepts a valid change and leaves the rest as they were', () => {
    const result = validateSettingsPatch(current, { workMinutes: 45, theme: 'dark' });
    expect(result).toEqual({ ok: true, settings: { ...current, workMinutes: 45, theme: 'dark' } });
  });

  it('names the range of an out-of-range number', () => {
    expect(validateSettingsPatch(current, { workMinutes: 200 })).toEqual({
      ok: false,
      errors: { workMinutes: { key: 'settingOutOfRange', params: ['5', '180'] } },
    });
    expect(validateSettingsPatch(current, { headsUpSeconds: -1 })).toEqual({
      ok: false,
      errors: { headsUpSeconds: { key: 'settingOutOfRange', params: ['0', '300'] } },
    });
  });

  it('asks for a whole number when given a fraction, text or nothing', () => {
    for (const bad of [2.5, '30', Number.NaN, null]) {
      expect(validateSettingsPatch(current, { snoozeMinutes: bad })).toEqual({ ok: false, errors: { snoozeMinutes: { key: 'settingNotWholeNumber', params: [] } } });
    }
  });

  it('saves nothing half-way: one bad field rejects the whole change', () => {
    const result = validateSettingsPatch(current, { workMinutes: 45, snoozeMinutes: 0, theme: 'neon' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual(['snoozeMinutes', 'theme']);
      expect(result.errors.theme).toEqual({ key: 'settingNotAnOption', params: ['system, light, dark'] });
    }
  });

  it('rejects unknown settings and a patch that is not an object', () => {
    expect(validateSettingsPatch(current, { wrokMinutes: 45 })).toEqual({ ok: false, errors: { wrokMinutes: { key: 'settingUnknownField', params: ['wrokMinutes'] } } });
    expect(validateSettingsPatch(current, 'x')).toEqual({ ok: false, errors: { '': { key: 'settingsNotAnObject', params: [] } } });
  });

  it('knows only its own setting names, not what every object inherits', () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      const patch = JSON.parse(`{"${name}": {"workMinutes": 5}}`) as unknown;
      expect(validateSettingsPatch(current, patch)).toEqual({ ok: false, errors: { [name]: { key: 'settingUnknownField', params: [name] } } });
      const hours = JSON.parse(`{"workingHours": {"${name}": 1}}`) as unknown;
      expect(validateSettingsPatch(current, hours)).toEqual({
        ok: false,
        errors: { [`workingHours.${name}`]: { key: 'settingUnknownField', params: [`workingHours.${name}`] } },
      });
    }
  });

  it('blames the changed field when the natural break would be shorter than the break', () => {
    expect(validateSettingsPatch(current, { naturalBreakMinutes: 2, breakSeconds: 180 })).toEqual({
      ok: false,
      errors: { naturalBreakMinutes: { key: 'settingNaturalBreakTooShort', params: ['3'] } },
    });
    expect(validateSettingsPatch(current, { breakSeconds: 600 })).toEqual({
      ok: false,
      errors: { breakSeconds: { key: 'settingBreakLongerThanNaturalBreak', params: ['300', '5'] } },
    });
  });

  it('takes a partial working-hours change and checks the window', () => {
    const on = validateSettingsPatch(current, { workingHours: { enabled: true, days: [5, 1, 1] } });
    expect(on).toEqual({ ok: true, settings: { ...current, workingHours: { ...current.workingHours, enabled: true, days: [1, 5] } } });
    expect(validateSettingsPatch(current, { workingHours: { enabled: true, days: [] } })).toEqual({
      ok: false,
      errors: { 'workingHours.days': { key: 'settingNoWorkingDays', params: [] } },
    });
    expect(validateSettingsPatch(current, { workingHours: { enabled: true, endMinute: 540 } })).toEqual({
      ok: false,
      errors: { 'workingHours.endMinute': { key: 'settingEmptyWorkingWindow', params: [] } },
    });
    expect(validateSettingsPatch(current, { workingHours: { days: [1, 7] } })).toEqual({
      ok: false,
      errors: { 'workingHours.days': { key: 'settingInvalidDay', params: [] } },
    });
    expect(validateSettingsPatch(current, { workingHours: { startMinute: 1440, lunch: true } })).toEqual({
      ok: false,
      errors: {
        'workingHours.lunch': { key: 'settingUnknownField', params: ['workingHours.lunch'] },
        'workingHours.startMinute': { key: 'settingInvalidTime', params: [] },
      },
    });
  });

  it('checks the disabled exercises and stores each once, sorted', () => {
    expect(validateSettingsPatch(current, { disabledExercises: ['thread-needle', 'cat-cow', 'cat-cow'] })).toEqual({
      ok: true,
      settings: { ...current, disabledExercises: ['cat-cow', 'thread-needle'] },
    });
    expect(validateSettingsPatch(current, { disabledExercises: ['headstand'] })).toEqual({
      ok: false,
      errors: { disabledExercises: { key: 'settingUnknownExercise', params: [] } },
    });
  });

  it('never throws, and an ok result is always valid settings (property)', () => {
    const patch = fc.dictionary(
      fc.constantFrom(...SETTING_KEYS, 'bogus'),
      fc.oneof(fc.anything(), fc.integer({ min: -5, max: 700 }), fc.boolean(), fc.constantFrom('desk', 'floor', 'dark', 'rotate', 'fixed')),
    );
    fc.assert(
      fc.property(fc.oneof(patch, fc.anything()), (p) => {
        const result = validateSettingsPatch(current, p);
        if (result.ok) expectValid(result.settings);
        else expect(Object.keys(result.errors).length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('importing an exported file', () => {
  it('round-trips an export', () => {
    const mine: Settings = { ...(DEFAULT_SETTINGS as Settings), workMinutes: 50, routine: 'floor', disabledExercises: ['cat-cow'] };
    expect(importSettings(JSON.parse(JSON.stringify(toStoredSettings(mine))))).toEqual({ ok: true, settings: mine });
  });

  it('imports a version 0 file through the migration', () => {
    expect(importSettings({ intervalMinutes: 20 })).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, workMinutes: 20 } });
  });

  it('says what is wrong and where, and gives no settings', () => {
    expect(importSettings({ version: 1, workMinutes: 1, workingHours: { enabled: true, days: [] } })).toEqual({
      ok: false,
      errors: {
        workMinutes: { key: 'settingOutOfRange', params: ['5', '180'] },
        'workingHours.days': { key: 'settingNoWorkingDays', params: [] },
      },
    });
    expect(importSettings({ version: 2 })).toEqual({ ok: false, errors: { '': { key: 'settingsNewerVersion', params: ['2', '1'] } } });
  });
});
