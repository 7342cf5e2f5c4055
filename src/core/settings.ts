// The user's settings: one valibot schema gives their type, defaults, ranges and messages; plus the stored format and its migrations.
import * as v from 'valibot';
import { EXERCISE_IDS, type ExerciseId } from './exercises';
import { ROUTINE_IDS } from './routines';

/** A validation message as an i18n key and its substitutions: the core has no i18n of its own. */
export interface SettingMessage {
  key: string;
  params: string[];
}

/** Valibot carries messages as strings; ours are a JSON-encoded SettingMessage. */
function message(key: string, ...params: Array<string | number>): string {
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

function wholeNumber(min: number, max: number, fallback: number) {
  const outOfRange = message('settingOutOfRange', min, max);
  return v.optional(
    v.pipe(v.number(NOT_WHOLE_NUMBER), v.integer(NOT_WHOLE_NUMBER), v.minValue(min, outOfRange), v.maxValue(max, outOfRange)),
    fallback,
  );
}

function onOff(fallback: boolean) {
  return v.optional(v.boolean(message('settingNotOnOff')), fallback);
}

function oneOf<const T extends readonly [string, ...string[]]>(options: T, fallback: T[number]) {
  return v.optional(v.picklist(options, message('settingNotAnOption', options.join(', '))), fallback);
}

/** Each value once, in a stable order: so the stored item stays small and two equal choices compare equal. */
function uniqueSorted<T extends string | number>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const MINUTES_PER_DAY = 24 * 60;
const TIME_OF_DAY = v.pipe(
  v.number(message('settingInvalidTime')),
  v.integer(message('settingInvalidTime')),
  v.minValue(0, message('settingInvalidTime')),
  v.maxValue(MINUTES_PER_DAY - 1, message('settingInvalidTime')),
);

export const THEMES = ['system', 'light', 'dark'] as const;
export const ROUTINE_ROTATIONS = ['fixed', 'rotate'] as const;

const WorkingHoursSchema = v.pipe(
  v.object(
    {
      enabled: v.boolean(message('settingNotOnOff')),
      /** 0 = Sunday … 6 = Saturday. */
      days: v.pipe(
        v.array(
          v.pipe(v.number(message('settingInvalidDay')), v.integer(message('settingInvalidDay')), v.minValue(0, message('settingInvalidDay')), v.maxValue(6, message('settingInvalidDay'))),
          message('settingInvalidDays'),
        ),
        v.transform(uniqueSorted),
      ),
      /** Minutes after local midnight; `endMinute` may be smaller than `startMinute` for a night shift. */
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

/** Inclusive ranges come from PRODUCT.md § Scheduling. */
const SettingsSchema = v.object({
  workMinutes: wholeNumber(5, 180, 30),
  breakSeconds: wholeNumber(60, 600, 120),
  snoozeMinutes: wholeNumber(1, 60, 5),
  maxSnoozesInRow: wholeNumber(0, 10, 3),
  naturalBreakMinutes: wholeNumber(2, 30, 5),
  /** 0 turns the heads-up notification off. */
  headsUpSeconds: wholeNumber(0, 300, 60),
  // The idle API refuses intervals below 15 s.
  idleDetectionSeconds: wholeNumber(15, 600, 60),
  /** No Skip, no Snooze. */
  strict: onOff(false),
  routine: oneOf(ROUTINE_IDS, 'desk'),
  routineRotation: oneOf(ROUTINE_ROTATIONS, 'fixed'),
  disabledExercises: v.optional(
    v.pipe(v.array(v.picklist(EXERCISE_IDS, message('settingUnknownExercise')), message('settingInvalidExercises')), v.transform(uniqueSorted)),
    (): ExerciseId[] => [],
  ),
  /** A soft chime at each step change. */
  sound: onOff(true),
  /** Spoken cues (speech synthesis). */
  voice: onOff(false),
  theme: oneOf(THEMES, 'system'),
  /** Minutes to the next break on the toolbar badge. */
  // Off by default: a live minute count costs a wake-up every minute.
  badgeMinutes: onOff(false),
  workingHours: v.optional(WorkingHoursSchema, () => ({
    enabled: false,
    days: [1, 2, 3, 4, 5],
    startMinute: 9 * 60,
    endMinute: 17 * 60,
  })),
  /** Do not disturb: the longest a due break waits for a fullscreen window (0 = never waits). */
  fullscreenWaitMinutes: wholeNumber(0, 60, 15),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;
/** Optional working hours: outside them nothing counts. */
export type WorkingHours = Settings['workingHours'];
export type SettingKey = keyof Settings;
type NumberKey = { [K in SettingKey]: Settings[K] extends number ? K : never }[SettingKey];

const FIELD_SCHEMAS = SettingsSchema.entries;
export const SETTING_KEYS = Object.keys(FIELD_SCHEMAS) as SettingKey[];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = deepFreeze(v.getDefaults(SettingsSchema) as Settings);

/** The min and max a number field's schema enforces, read back from the schema itself. */
function rangeOf(schema: unknown): readonly [number, number] | null {
  const pipe = (schema as { wrapped?: { pipe?: Array<{ type: string; requirement?: unknown }> } }).wrapped?.pipe;
  const min = pipe?.find((action) => action.type === 'min_value')?.requirement;
  const max = pipe?.find((action) => action.type === 'max_value')?.requirement;
  return typeof min === 'number' && typeof max === 'number' ? Object.freeze([min, max] as const) : null;
}

/** Inclusive ranges of the number settings, as the schema enforces them. */
export const SETTING_RANGES: Readonly<Record<NumberKey, readonly [min: number, max: number]>> = Object.freeze(
  Object.fromEntries(
    SETTING_KEYS.flatMap((key) => {
      const range = rangeOf(FIELD_SCHEMAS[key]);
      return range ? [[key, range]] : [];
    }),
  ) as Record<NumberKey, readonly [number, number]>,
);

/** The choices of the settings that pick one of a few options. */
export const SETTING_CHOICES = Object.freeze({
  routine: ROUTINE_IDS,
  routineRotation: ROUTINE_ROTATIONS,
  theme: THEMES,
});

// --- The stored format -----------------------------------------------------------------------

/** `storage.sync` key; the item is `{ version, ...settings }`. */
export const SETTINGS_STORAGE_KEY = 'settings';
export const SETTINGS_VERSION = 1;
/** storage.sync's QUOTA_BYTES_PER_ITEM: the key plus the JSON of the value. */
export const SYNC_QUOTA_BYTES_PER_ITEM = 8192;

export type StoredSettings = { version: typeof SETTINGS_VERSION } & Settings;

export function toStoredSettings(settings: Settings): StoredSettings {
  return { version: SETTINGS_VERSION, ...structuredClone(settings) };
}

type Fields = Record<string, unknown>;

/**
 * MIGRATIONS[n] turns the fields of version n into those of version n + 1.
 * Version 0 (no `version` key) called the work interval `intervalMinutes`.
 */
const MIGRATIONS: ReadonlyArray<(fields: Fields) => Fields> = [
  ({ intervalMinutes, ...rest }) => (rest.workMinutes === undefined && intervalMinutes !== undefined ? { ...rest, workMinutes: intervalMinutes } : rest),
];

export type MigrationResult = { ok: true; fromVersion: number; fields: Fields } | { ok: false; error: SettingMessage };

/** Brings a stored or exported settings object to the current version's field names. */
export function migrateSettings(stored: unknown): MigrationResult {
  if (!isPlainObject(stored)) return { ok: false, error: decodeMessage(message('settingsNotAnObject')) };
  const { version = 0, ...fields } = stored;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, error: decodeMessage(message('settingsBadVersion', SETTINGS_VERSION)) };
  }
  if (version > SETTINGS_VERSION) {
    return { ok: false, error: decodeMessage(message('settingsNewerVersion', version, SETTINGS_VERSION)) };
  }
  let migrated: Fields = fields;
  for (let from = version; from < SETTINGS_VERSION; from += 1) migrated = MIGRATIONS[from]!(migrated);
  return { ok: true, fromVersion: version, fields: migrated };
}

function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// --- Reading what is stored ------------------------------------------------------------------

/** The shortest natural-break threshold that is not shorter than the break itself. */
export function minNaturalBreakMinutes(breakSeconds: number): number {
  return Math.ceil(breakSeconds / 60);
}

/** Keeps what is valid of a list, so one unknown entry (say, from a newer version) costs only itself. */
const LENIENT_LISTS: Partial<Record<SettingKey, (item: unknown) => boolean>> = {
  disabledExercises: (item) => (EXERCISE_IDS as readonly unknown[]).includes(item),
};

function readField<K extends SettingKey>(key: K, value: unknown): Settings[K] {
  const keep = LENIENT_LISTS[key];
  const candidate = keep && Array.isArray(value) ? value.filter(keep) : value;
  const parsed = v.safeParse(FIELD_SCHEMAS[key], candidate);
  return parsed.success ? (parsed.output as Settings[K]) : (structuredClone(DEFAULT_SETTINGS[key]) as Settings[K]);
}

function readWorkingHours(value: unknown): WorkingHours {
  const whole = v.safeParse(WorkingHoursSchema, value);
  if (whole.success) return whole.output;
  const defaults = DEFAULT_SETTINGS.workingHours;
  const source = isPlainObject(value) ? value : {};
  const days = Array.isArray(source.days) ? source.days.filter((day) => Number.isInteger(day) && day >= 0 && day <= 6) : null;
  const hours: WorkingHours = {
    enabled: typeof source.enabled === 'boolean' ? source.enabled : defaults.enabled,
    days: days ? uniqueSorted(days as number[]) : [...defaults.days],
    startMinute: v.is(TIME_OF_DAY, source.startMinute) ? source.startMinute : defaults.startMinute,
    endMinute: v.is(TIME_OF_DAY, source.endMinute) ? source.endMinute : defaults.endMinute,
  };
  // A window that could never count would silently stop every break: off is the safe reading.
  return v.safeParse(WorkingHoursSchema, hours).success ? hours : { ...hours, enabled: false };
}

/**
 * Reads settings from storage (any version). A missing, corrupt or out-of-range field falls back
 * to its default on its own, so one bad value never costs the user the rest of their settings.
 */
export function readSettings(stored: unknown): Settings {
  const migrated = migrateSettings(stored);
  // Settings synced from a newer version of the extension: keep every field this version understands.
  const fields: Fields = migrated.ok ? migrated.fields : isPlainObject(stored) ? stored : {};
  const settings = {} as Record<SettingKey, unknown>;
  for (const key of SETTING_KEYS) {
    settings[key] = key === 'workingHours' ? readWorkingHours(fields[key]) : readField(key, fields[key]);
  }
  const result = settings as Settings;
  // A natural break shorter than the break itself would make every break "natural".
  result.naturalBreakMinutes = Math.max(result.naturalBreakMinutes, minNaturalBreakMinutes(result.breakSeconds));
  return result;
}

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
  const errors: SettingErrors = {};
  const candidate: Fields = structuredClone(current);
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in FIELD_SCHEMAS)) {
      errors[key] = decodeMessage(message('settingUnknownField', key));
    } else if (key === 'workingHours' && isPlainObject(value)) {
      for (const inner of Object.keys(value)) {
        if (!(inner in DEFAULT_SETTINGS.workingHours)) errors[`workingHours.${inner}`] = decodeMessage(message('settingUnknownField', `workingHours.${inner}`));
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
      if ('naturalBreakMinutes' in patch || !('breakSeconds' in patch)) {
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
