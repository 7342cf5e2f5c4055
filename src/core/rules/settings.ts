// The settings' rules as plain data (type, range or choices, default of every field), the stored format, its migration, and reading it.
//
// This is all the background needs, so it carries no validation library. The options page's
// schema (settings-schema.ts) is built from the same table and adds the messages; a property test
// holds the two readings to the same answers.

import { EXERCISE_IDS } from './exercises';
import { BREAK_SECONDS_MAX, BREAK_SECONDS_MIN, ROUTINE_IDS } from './routines';
import { isPlainObject, isWholeNumberIn } from './fields';
import type { MessageKey } from '../contracts/message-keys';

/** A validation message as an i18n key and its substitutions: the core has no i18n of its own. */
export interface SettingMessage {
  key: MessageKey;
  params: string[];
}

/** Optional working hours: outside them nothing counts. */
export interface WorkingHours {
  enabled: boolean;
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** Minutes after local midnight; `endMinute` may be smaller than `startMinute` for a night shift. */
  startMinute: number;
  endMinute: number;
}

export type FieldRule =
  | { kind: 'whole-number'; min: number; max: number; fallback: number }
  | { kind: 'on-off'; fallback: boolean }
  | { kind: 'one-of'; options: readonly [string, ...string[]]; fallback: string }
  | { kind: 'some-of'; options: readonly string[]; fallback: readonly [] }
  | { kind: 'working-hours'; fallback: Readonly<WorkingHours> };

const wholeNumber = (min: number, max: number, fallback: number) => ({ kind: 'whole-number', min, max, fallback }) as const;
const onOff = (fallback: boolean) => ({ kind: 'on-off', fallback }) as const;
const oneOf = <const T extends readonly [string, ...string[]]>(options: T, fallback: T[number]) => ({ kind: 'one-of', options, fallback }) as const;
/** A set of the options, stored each once in a stable order. */
const someOf = <const T extends readonly string[]>(options: T) => ({ kind: 'some-of', options, fallback: [] }) as const;

export const THEMES = ['system', 'light', 'dark'] as const;
export const ROUTINE_ROTATIONS = ['fixed', 'rotate'] as const;
export const MINUTES_PER_DAY = 24 * 60;

/** Every setting, in the order the stored item lists them. Inclusive ranges come from PRODUCT.md § Scheduling. */
export const SETTING_RULES = {
  workMinutes: wholeNumber(5, 180, 30),
  breakSeconds: wholeNumber(BREAK_SECONDS_MIN, BREAK_SECONDS_MAX, 120),
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
  disabledExercises: someOf(EXERCISE_IDS),
  /** A soft chime at each step change. */
  sound: onOff(true),
  /** Spoken cues (speech synthesis). */
  voice: onOff(false),
  theme: oneOf(THEMES, 'system'),
  /** Minutes to the next break on the toolbar badge. */
  // Off by default: a live minute count costs a wake-up every minute.
  badgeMinutes: onOff(false),
  workingHours: { kind: 'working-hours', fallback: { enabled: false, days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 } },
  /** A due break is held while a call goes on (a fullscreen window is one), at most this long after it fell due; 0 turns holding off. */
  callHoldMinutes: wholeNumber(0, 120, 60),
} as const satisfies Record<string, FieldRule>;

type Rules = typeof SETTING_RULES;
export type SettingKey = keyof Rules;

type ValueOf<R> = R extends { kind: 'whole-number' }
  ? number
  : R extends { kind: 'on-off' }
    ? boolean
    : R extends { kind: 'one-of'; options: readonly (infer T)[] }
      ? T
      : R extends { kind: 'some-of'; options: readonly (infer T)[] }
        ? T[]
        : WorkingHours;

export type Settings = { [K in SettingKey]: ValueOf<Rules[K]> };
export type NumberKey = { [K in SettingKey]: Rules[K] extends { kind: 'whole-number' } ? K : never }[SettingKey];

export const SETTING_KEYS = Object.keys(SETTING_RULES) as SettingKey[];

/** Each value once, in a stable order: so the stored item stays small and two equal choices compare equal. */
export function uniqueSorted<T extends string | number>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Enabled working hours with no day or an empty window would stop every break for good while looking like a schedule. */
export function workingHoursCanCount(hours: WorkingHours): boolean {
  return !hours.enabled || (hours.days.length > 0 && hours.startMinute !== hours.endMinute);
}

/** The shortest natural-break threshold that is not shorter than the break itself. */
export function minNaturalBreakMinutes(breakSeconds: number): number {
  return Math.ceil(breakSeconds / 60);
}

// --- The stored format -----------------------------------------------------------------------

export const SETTINGS_VERSION = 1;
/** storage.sync's QUOTA_BYTES_PER_ITEM: the key plus the JSON of the value. */
export const SYNC_QUOTA_BYTES_PER_ITEM = 8192;

export type StoredSettings = { version: typeof SETTINGS_VERSION } & Settings;

export function toStoredSettings(settings: Settings): StoredSettings {
  return { version: SETTINGS_VERSION, ...structuredClone(settings) };
}

export type Fields = Record<string, unknown>;

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
  if (!isPlainObject(stored)) return { ok: false, error: { key: 'settingsNotAnObject', params: [] } };
  const migrated = migrateFields(stored);
  if (migrated) return { ok: true, ...migrated };
  const { version } = stored;
  if (Number.isInteger(version) && (version as number) > SETTINGS_VERSION) {
    return { ok: false, error: { key: 'settingsNewerVersion', params: [String(version), String(SETTINGS_VERSION)] } };
  }
  return { ok: false, error: { key: 'settingsBadVersion', params: [String(SETTINGS_VERSION)] } };
}

/** The fields at the current version, or null when the item's version is not one we can migrate from (malformed or newer). */
function migrateFields(stored: Fields): { fromVersion: number; fields: Fields } | null {
  const { version = 0, ...fields } = stored;
  if (!Number.isInteger(version) || (version as number) < 0 || (version as number) > SETTINGS_VERSION) return null;
  let migrated: Fields = fields;
  for (let from = version as number; from < SETTINGS_VERSION; from += 1) migrated = MIGRATIONS[from]!(migrated);
  return { fromVersion: version as number, fields: migrated };
}

// --- Reading what is stored ------------------------------------------------------------------

const isTimeOfDay = (value: unknown): value is number => isWholeNumberIn(value, 0, MINUTES_PER_DAY - 1);

/** Each of the four parts falls back on its own; hours that could never count are switched off. */
function readWorkingHours(value: unknown, defaults: Readonly<WorkingHours>): WorkingHours {
  const source = isPlainObject(value) ? value : {};
  const hours: WorkingHours = {
    enabled: typeof source.enabled === 'boolean' ? source.enabled : defaults.enabled,
    days: Array.isArray(source.days) ? uniqueSorted(source.days.filter((day) => isWholeNumberIn(day, 0, 6)) as number[]) : [...defaults.days],
    startMinute: isTimeOfDay(source.startMinute) ? source.startMinute : defaults.startMinute,
    endMinute: isTimeOfDay(source.endMinute) ? source.endMinute : defaults.endMinute,
  };
  return workingHoursCanCount(hours) ? hours : { ...hours, enabled: false };
}

function readField(rule: FieldRule, value: unknown): unknown {
  switch (rule.kind) {
    case 'whole-number':
      return isWholeNumberIn(value, rule.min, rule.max) ? value : rule.fallback;
    case 'on-off':
      return typeof value === 'boolean' ? value : rule.fallback;
    case 'one-of':
      return (rule.options as readonly unknown[]).includes(value) ? value : rule.fallback;
    case 'some-of':
      // One unknown entry (say, from a newer version) costs only itself.
      return Array.isArray(value) ? uniqueSorted(value.filter((item) => (rule.options as readonly unknown[]).includes(item)) as string[]) : [];
    case 'working-hours':
      return readWorkingHours(value, rule.fallback);
  }
}

/**
 * Reads settings from storage (any version). A missing, corrupt or out-of-range field falls back
 * to its default on its own, so one bad value never costs the user the rest of their settings.
 */
export function readSettings(stored: unknown): Settings {
  // Settings synced from a newer version of the extension: keep every field this version understands.
  const fields: Fields = isPlainObject(stored) ? (migrateFields(stored)?.fields ?? stored) : {};
  const settings = Object.fromEntries(SETTING_KEYS.map((key) => [key, readField(SETTING_RULES[key], fields[key])])) as Settings;
  // A natural break shorter than the break itself would make every break "natural".
  settings.naturalBreakMinutes = Math.max(settings.naturalBreakMinutes, minNaturalBreakMinutes(settings.breakSeconds));
  return settings;
}
