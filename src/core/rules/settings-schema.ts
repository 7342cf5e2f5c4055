// The options page's settings schema: valibot checks built from the rules table (settings.ts), giving each problem its message.
import * as v from 'valibot';
import { ROUTINE_IDS } from './routines';
import { isPlainObject } from './fields';
import type { MessageKey } from '../contracts/message-keys';
import {
  migrateSettings,
  minNaturalBreakMinutes,
  MINUTES_PER_DAY,
  ROUTINE_ROTATIONS,
  SETTING_KEYS,
  SETTING_RULES,
  THEMES,
  uniqueSorted,
  type FieldRule,
  type Fields,
  type NumberKey,
  type SettingKey,
  type SettingMessage,
  type Settings,
} from './settings';

// Everything about the stored format and reading it lives with the rules; pages import it from here too.
export * from './settings';

// --- Tables for the options page, read off the rules ---------------------------------------

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = deepFreeze(
  Object.fromEntries(SETTING_KEYS.map((key): [SettingKey, unknown] => [key, structuredClone(SETTING_RULES[key].fallback)])) as Settings,
);

/** Inclusive ranges of the number settings. */
export const SETTING_RANGES: Readonly<Record<NumberKey, readonly [min: number, max: number]>> = Object.freeze(
  Object.fromEntries(
    SETTING_KEYS.flatMap((key) => {
      const rule: FieldRule = SETTING_RULES[key];
      return rule.kind === 'whole-number' ? [[key, Object.freeze([rule.min, rule.max] as const)]] : [];
    }),
  ) as Record<NumberKey, readonly [number, number]>,
);

/** The choices of the settings that pick one of a few options. */
export const SETTING_CHOICES = Object.freeze({
  routine: ROUTINE_IDS,
  routineRotation: ROUTINE_ROTATIONS,
  theme: THEMES,
});

// --- The schema ------------------------------------------------------------------------------

/** Valibot carries messages as strings; ours are a JSON-encoded SettingMessage. */
function message(key: MessageKey, ...params: Array<string | number>): string {
  return JSON.stringify({ key, params: params.map(String) } satisfies SettingMessage);
}

function decodeMessage(text: string): SettingMessage {
  try {
    const parsed = JSON.parse(text) as Partial<SettingMessage>;
    if (typeof parsed.key === 'string' && Array.isArray(parsed.params)) return { key: parsed.key, params: parsed.params.map(String) };
  } catch {
    // A message valibot wrote itself; every schema below names its own, so this is only a guard.
  }
  return { key: 'settingInvalid', params: [] };
}

const NOT_WHOLE_NUMBER = message('settingNotWholeNumber');

const TIME_OF_DAY = v.pipe(
  v.number(message('settingInvalidTime')),
  v.integer(message('settingInvalidTime')),
  v.minValue(0, message('settingInvalidTime')),
  v.maxValue(MINUTES_PER_DAY - 1, message('settingInvalidTime')),
);

const WorkingHoursSchema = v.pipe(
  v.object(
    {
      enabled: v.boolean(message('settingNotOnOff')),
      days: v.pipe(
        v.array(
          v.pipe(v.number(message('settingInvalidDay')), v.integer(message('settingInvalidDay')), v.minValue(0, message('settingInvalidDay')), v.maxValue(6, message('settingInvalidDay'))),
          message('settingInvalidDays'),
        ),
        v.transform(uniqueSorted),
      ),
      startMinute: TIME_OF_DAY,
      endMinute: TIME_OF_DAY,
    },
    message('settingInvalidWorkingHours'),
  ),
  // Either mistake would stop every break for good while looking like a schedule.
  v.forward(
    v.check((hours) => !hours.enabled || hours.days.length > 0, message('settingNoWorkingDays')),
    ['days'],
  ),
  v.forward(
    v.check((hours) => !hours.enabled || hours.startMinute !== hours.endMinute, message('settingEmptyWorkingWindow')),
    ['endMinute'],
  ),
);

/** One field's valibot schema, from its rule; a missing field takes the rule's default. */
function fieldSchema(rule: FieldRule) {
  switch (rule.kind) {
    case 'whole-number': {
      const outOfRange = message('settingOutOfRange', rule.min, rule.max);
      return v.optional(
        v.pipe(v.number(NOT_WHOLE_NUMBER), v.integer(NOT_WHOLE_NUMBER), v.minValue(rule.min, outOfRange), v.maxValue(rule.max, outOfRange)),
        rule.fallback,
      );
    }
    case 'on-off':
      return v.optional(v.boolean(message('settingNotOnOff')), rule.fallback);
    case 'one-of':
      return v.optional(v.picklist(rule.options, message('settingNotAnOption', rule.options.join(', '))), rule.fallback);
    case 'some-of':
      return v.optional(
        v.pipe(v.array(v.picklist(rule.options, message('settingUnknownExercise')), message('settingInvalidExercises')), v.transform(uniqueSorted)),
        (): string[] => [],
      );
    case 'working-hours':
      return v.optional(WorkingHoursSchema, () => structuredClone(rule.fallback));
  }
}

/** Each field's schema; the background reads settings without them (settings.ts), to the same answers. */
export const FIELD_SCHEMAS = Object.fromEntries(
  SETTING_KEYS.map((key): [SettingKey, v.GenericSchema<unknown, unknown>] => [key, fieldSchema(SETTING_RULES[key])]),
) as Record<
  SettingKey,
  v.GenericSchema<unknown, unknown>
>;

/** The whole settings object; its output is Settings. */
const SettingsSchema = v.object(FIELD_SCHEMAS) as unknown as v.GenericSchema<unknown, Settings>;

// --- Validating a change ---------------------------------------------------------------------

export type SettingErrors = Record<string, SettingMessage>;
export type PatchResult = { ok: true; settings: Settings } | { ok: false; errors: SettingErrors };

/**
 * Applies `patch` (some fields of Settings; `workingHours` may be partial) to `current`.
 * All or nothing: any invalid field makes the result not ok, with one message per field path
 * (`workMinutes`, `workingHours.days`; '' for the patch as a whole).
 */
export function validateSettingsPatch(current: Settings, patch: unknown): PatchResult {
  if (!isPlainObject(patch)) return { ok: false, errors: { '': decodeMessage(message('settingsNotAnObject')) } };
  // Keyed by names from the file: with no prototype, `errors.__proto__ = …` is a message like any other.
  const errors = Object.create(null) as SettingErrors;
  const candidate: Fields = structuredClone(current);
  for (const [key, value] of Object.entries(patch)) {
    // Own keys only: `toString`, `constructor` or `__proto__` are inherited by every object, and no settings.
    if (!Object.hasOwn(FIELD_SCHEMAS, key)) {
      errors[key] = decodeMessage(message('settingUnknownField', key));
    } else if (key === 'workingHours' && isPlainObject(value)) {
      for (const inner of Object.keys(value)) {
        if (!Object.hasOwn(DEFAULT_SETTINGS.workingHours, inner)) errors[`workingHours.${inner}`] = decodeMessage(message('settingUnknownField', `workingHours.${inner}`));
      }
      candidate.workingHours = { ...current.workingHours, ...value };
    } else {
      candidate[key] = value;
    }
  }
  const parsed = v.safeParse(SettingsSchema, candidate);
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const path = v.getDotPath(issue) ?? '';
      // The first message of a field is the one to fix first; `workingHours.days.3` belongs to `days`.
      const field = path.split('.').slice(0, path.startsWith('workingHours.') ? 2 : 1).join('.');
      errors[field] ??= decodeMessage(issue.message);
    }
  }
  if (parsed.success) {
    const settings = parsed.output;
    const shortest = minNaturalBreakMinutes(settings.breakSeconds);
    if (settings.naturalBreakMinutes < shortest) {
      // Blame the field the user just changed: that is where the message belongs.
      if (Object.hasOwn(patch, 'naturalBreakMinutes') || !Object.hasOwn(patch, 'breakSeconds')) {
        errors.naturalBreakMinutes = decodeMessage(message('settingNaturalBreakTooShort', shortest));
      } else {
        errors.breakSeconds = decodeMessage(message('settingBreakLongerThanNaturalBreak', settings.naturalBreakMinutes * 60, settings.naturalBreakMinutes));
      }
    }
    if (Object.keys(errors).length === 0) return { ok: true, settings };
  }
  return { ok: false, errors };
}

/**
 * Reads an exported settings file (already parsed JSON) of any known version. The result is the
 * file's settings, with defaults for fields it leaves out; nothing of the current settings leaks in.
 */
export function importSettings(data: unknown): PatchResult {
  const migrated = migrateSettings(data);
  if (!migrated.ok) return { ok: false, errors: { '': migrated.error } };
  return validateSettingsPatch(DEFAULT_SETTINGS, migrated.fields);
}
