// The background's settings reader (plain rules, no valibot) gives exactly what the options page's valibot schema accepts, field by field.
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EXERCISE_IDS } from '../../../src/core/rules/exercises';
import { DEFAULT_SETTINGS, FIELD_SCHEMAS, SETTING_KEYS, type Settings, type WorkingHours } from '../../../src/core/rules/settings-schema';
import { migrateSettings, minNaturalBreakMinutes, readSettings } from '../../../src/core/rules/settings';
import { isPlainObject } from '../../../src/core/rules/fields';

const accepts = (key: keyof Settings, value: unknown) => v.safeParse(FIELD_SCHEMAS[key], value).success;
const parsed = (key: keyof Settings, value: unknown) => v.parse(FIELD_SCHEMAS[key], value);

/**
 * The reading rules, stated with the valibot schema as the judge of every value: a field the schema
 * accepts is kept (as the schema outputs it), anything else takes its default; a list keeps the
 * entries the schema accepts; working hours fall back part by part and are switched off if they could never count.
 */
function readWithSchema(stored: unknown): Settings {
  const migrated = migrateSettings(stored);
  const fields = migrated.ok ? migrated.fields : isPlainObject(stored) ? stored : {};
  const read = {} as Record<keyof Settings, unknown>;
  for (const key of SETTING_KEYS) {
    const value = fields[key];
    if (key === 'workingHours') read[key] = workingHoursWithSchema(value);
    else if (key === 'disabledExercises' && Array.isArray(value)) read[key] = parsed(key, value.filter((item) => accepts(key, [item])));
    else read[key] = accepts(key, value) ? parsed(key, value) : structuredClone(DEFAULT_SETTINGS[key]);
  }
  const settings = read as Settings;
  settings.naturalBreakMinutes = Math.max(settings.naturalBreakMinutes, minNaturalBreakMinutes(settings.breakSeconds));
  return settings;
}

function workingHoursWithSchema(value: unknown): WorkingHours {
  if (accepts('workingHours', value) && value !== undefined) return parsed('workingHours', value) as WorkingHours;
  const defaults = DEFAULT_SETTINGS.workingHours;
  const source = isPlainObject(value) ? value : {};
  // With `enabled: false` the window checks are off, so the schema judges one part alone.
  const partOk = (part: keyof WorkingHours, partValue: unknown) => accepts('workingHours', { ...defaults, enabled: false, [part]: partValue });
  const hours: WorkingHours = {
    enabled: partOk('enabled', source.enabled) ? (source.enabled as boolean) : defaults.enabled,
    days: Array.isArray(source.days)
      ? (parsed('workingHours', { ...defaults, enabled: false, days: source.days.filter((day) => partOk('days', [day])) }) as WorkingHours).days
      : [...defaults.days],
    startMinute: partOk('startMinute', source.startMinute) ? (source.startMinute as number) : defaults.startMinute,
    endMinute: partOk('endMinute', source.endMinute) ? (source.endMinute as number) : defaults.endMinute,
  };
  return accepts('workingHours', hours) ? hours : { ...hours, enabled: false };
}

const fieldValue = fc.oneof(
  fc.anything(),
  fc.integer({ min: -10, max: 1500 }),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(...EXERCISE_IDS, 'desk', 'floor', 'fixed', 'rotate', 'system', 'light', 'dark', 'neon'),
  fc.array(fc.oneof(fc.integer({ min: -1, max: 8 }), fc.constantFrom(...EXERCISE_IDS, 'headstand'), fc.anything()), { maxLength: 10 }),
  fc.record(
    {
      enabled: fc.oneof(fc.boolean(), fc.anything()),
      days: fc.oneof(fc.array(fc.oneof(fc.integer({ min: -1, max: 8 }), fc.double(), fc.string())), fc.anything()),
      startMinute: fc.oneof(fc.integer({ min: -5, max: 1500 }), fc.double(), fc.anything()),
      endMinute: fc.oneof(fc.integer({ min: -5, max: 1500 }), fc.double(), fc.anything()),
      lunch: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);
const storedShape = fc.dictionary(fc.constantFrom(...SETTING_KEYS, 'version', 'intervalMinutes', 'other'), fieldValue);
const storedVersion = fc.oneof(fc.constant(undefined), fc.constantFrom(0, 1, 2, -1, 1.5, '1'));

describe('the background reads settings exactly as the schema judges them', () => {
  it('agrees with the valibot schema on random stored items, field by field (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), storedShape, fc.tuple(storedShape, storedVersion).map(([s, version]) => ({ ...s, version }))), (stored) => {
        expect(readSettings(stored)).toEqual(readWithSchema(stored));
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads every valid stored item back as the schema outputs it (property)', () => {
    const valid = fc.record({
      workMinutes: fc.integer({ min: 5, max: 180 }),
      breakSeconds: fc.integer({ min: 60, max: 600 }),
      naturalBreakMinutes: fc.integer({ min: 10, max: 30 }),
      strict: fc.boolean(),
      routine: fc.constantFrom('desk', 'floor'),
      disabledExercises: fc.array(fc.constantFrom(...EXERCISE_IDS)),
      workingHours: fc.record({ enabled: fc.constant(true), days: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1 }), startMinute: fc.constant(60), endMinute: fc.integer({ min: 61, max: 1439 }) }),
    });
    fc.assert(
      fc.property(valid, (fields) => {
        const read = readSettings({ version: 1, ...fields });
        for (const [key, value] of Object.entries(fields)) expect(read[key as keyof Settings], key).toEqual(parsed(key as keyof Settings, value));
      }),
      { numRuns: 500 },
    );
  });

  it('hands out fresh defaults: changing what was read changes no later reading', () => {
    const first = readSettings(undefined);
    first.workingHours.days.push(0);
    first.disabledExercises.push('cat-cow');
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});
