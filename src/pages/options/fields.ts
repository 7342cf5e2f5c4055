// The options form's field table: which control and which labels each setting gets (checked against the schema in tests).
import type { MessageKey } from '../../core/contracts/message-keys';
import { SETTING_CHOICES, type Settings } from '../../core/rules/settings-schema';

export type SectionId = 'breaks' | 'detection' | 'workingHours' | 'routine' | 'sound' | 'appearance';

export type FieldControl =
  /** A whole number; its range comes from SETTING_RANGES. */
  | { kind: 'number'; section: SectionId; labelKey: MessageKey; hintKey?: MessageKey }
  | { kind: 'switch'; section: SectionId; labelKey: MessageKey; hintKey?: MessageKey }
  /** One of SETTING_CHOICES[key], as radio buttons; option value → label key. */
  | { kind: 'choice'; section: SectionId; labelKey: MessageKey; optionKeys: Readonly<Record<string, MessageKey>> }
  /** A control of its own (working hours editor, exercise list). */
  | { kind: 'custom'; section: SectionId; labelKey: MessageKey };

type ChoiceKey = keyof typeof SETTING_CHOICES;

/** Built from data: tests/unit/i18n checks every choice's key exists. */
function choiceLabels<K extends ChoiceKey>(key: K, prefix: string): Readonly<Record<Settings[K] & string, MessageKey>> {
  return Object.fromEntries(SETTING_CHOICES[key].map((option) => [option, `${prefix}_${option}`])) as Record<Settings[K] & string, MessageKey>;
}

/** In display order within each section. Typed over every Settings key: a new setting without a control fails to compile. */
export const FIELD_CONTROLS: { readonly [K in keyof Settings]: FieldControl } = {
  workMinutes: { kind: 'number', section: 'breaks', labelKey: 'optWorkMinutes' },
  breakSeconds: { kind: 'number', section: 'breaks', labelKey: 'optBreakSeconds' },
  snoozeMinutes: { kind: 'number', section: 'breaks', labelKey: 'optSnoozeMinutes' },
  maxSnoozesInRow: { kind: 'number', section: 'breaks', labelKey: 'optMaxSnoozesInRow' },
  strict: { kind: 'switch', section: 'breaks', labelKey: 'optStrict', hintKey: 'optStrictHint' },
  headsUpSeconds: { kind: 'number', section: 'breaks', labelKey: 'optHeadsUpSeconds', hintKey: 'optHeadsUpSecondsHint' },
  naturalBreakMinutes: { kind: 'number', section: 'detection', labelKey: 'optNaturalBreakMinutes', hintKey: 'optNaturalBreakMinutesHint' },
  idleDetectionSeconds: { kind: 'number', section: 'detection', labelKey: 'optIdleDetectionSeconds', hintKey: 'optIdleDetectionSecondsHint' },
  callHoldMinutes: { kind: 'number', section: 'detection', labelKey: 'optCallHoldMinutes', hintKey: 'optCallHoldMinutesHint' },
  workingHours: { kind: 'custom', section: 'workingHours', labelKey: 'optWorkingHours' },
  routine: { kind: 'choice', section: 'routine', labelKey: 'optRoutine', optionKeys: choiceLabels('routine', 'optRoutine') },
  routineRotation: { kind: 'choice', section: 'routine', labelKey: 'optRoutineRotation', optionKeys: choiceLabels('routineRotation', 'optRoutineRotation') },
  disabledExercises: { kind: 'custom', section: 'routine', labelKey: 'optExercises' },
  sound: { kind: 'switch', section: 'sound', labelKey: 'optSound' },
  voice: { kind: 'switch', section: 'sound', labelKey: 'optVoice' },
  theme: { kind: 'choice', section: 'appearance', labelKey: 'optTheme', optionKeys: choiceLabels('theme', 'optTheme') },
  badgeMinutes: { kind: 'switch', section: 'appearance', labelKey: 'optBadgeMinutes' },
};

export const SECTIONS: ReadonlyArray<{ id: SectionId; headingKey: MessageKey }> = [
  { id: 'breaks', headingKey: 'optSectionBreaks' },
  { id: 'detection', headingKey: 'optSectionDetection' },
  { id: 'workingHours', headingKey: 'optSectionWorkingHours' },
  { id: 'routine', headingKey: 'optSectionRoutine' },
  { id: 'sound', headingKey: 'optSectionSound' },
  { id: 'appearance', headingKey: 'optSectionAppearance' },
];

/** The label of a field path from validation (`workMinutes`, `workingHours.days`), for messages about imports. */
export const SUBFIELD_LABEL_KEYS: Readonly<Record<string, MessageKey>> = {
  'workingHours.enabled': 'optWorkingHoursEnabled',
  'workingHours.days': 'optWorkingHoursDays',
  'workingHours.startMinute': 'optWorkingHoursStart',
  'workingHours.endMinute': 'optWorkingHoursEnd',
};
