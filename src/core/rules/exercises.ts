// The exercise library: which exercises exist, where each is done, and whether it is done per side.

import type { MessageKey } from '../contracts/message-keys';

// Names and instructions are not here: they live in `_locales/*/messages.json` under the keys
// that `exerciseMessageKey` builds (exercise_<id>_name / _how / _position).

export const EXERCISE_IDS = [
  'posture-reset',
  'doorway-pec',
  'cross-body-shoulder',
  'thoracic-extension',
  'cat-cow',
  'childs-pose-side',
  'thread-needle',
] as const;

export type ExerciseId = (typeof EXERCISE_IDS)[number];

export type Position = 'seated' | 'standing' | 'seated-or-standing' | 'floor';

/** A different set-up of the same movement, e.g. thoracic extension over a chair back or a foam roller. */
export type ExerciseVariant = 'seated' | 'floor';

/** Where an exercise (or one variant of it) is done. `floor`: the user gets down on the floor. */
export interface Placement {
  position: Position;
  floor: boolean;
}

export interface Exercise extends Placement {
  id: ExerciseId;
  /** True if the exercise is held once on each side. */
  sided: boolean;
  /**
   * Only for exercises with more than one set-up. `position` and `floor` above describe the
   * first variant; a routine step names the variant it uses.
   */
  variants?: Readonly<Partial<Record<ExerciseVariant, Readonly<Placement>>>>;
}

export const EXERCISES: Readonly<Record<ExerciseId, Readonly<Exercise>>> = /* @__PURE__ */ Object.freeze({
  'posture-reset': { id: 'posture-reset', position: 'seated', sided: false, floor: false },
  'doorway-pec': { id: 'doorway-pec', position: 'standing', sided: false, floor: false },
  'cross-body-shoulder': { id: 'cross-body-shoulder', position: 'seated-or-standing', sided: true, floor: false },
  'thoracic-extension': {
    id: 'thoracic-extension',
    position: 'seated',
    sided: false,
    floor: false,
    variants: {
      seated: { position: 'seated', floor: false }, // over the chair back
      floor: { position: 'floor', floor: true }, // over a foam roller or rolled towel
    },
  },
  'cat-cow': { id: 'cat-cow', position: 'floor', sided: false, floor: true },
  'childs-pose-side': { id: 'childs-pose-side', position: 'floor', sided: true, floor: true },
  'thread-needle': { id: 'thread-needle', position: 'floor', sided: true, floor: true },
});

export function isExerciseId(v: unknown): v is ExerciseId {
  return typeof v === 'string' && (EXERCISE_IDS as readonly string[]).includes(v);
}

/** Where the exercise is done in the given variant; the exercise's own placement if it has no such variant. */
export function placementOf(id: ExerciseId, variant?: ExerciseVariant): Placement {
  const exercise = EXERCISES[id];
  const chosen = variant === undefined ? undefined : exercise.variants?.[variant];
  return chosen ? { ...chosen } : { position: exercise.position, floor: exercise.floor };
}

/**
 * The i18n message key for one of the exercise's strings, e.g. `exercise_cat_cow_how`.
 * With a variant: `exercise_thoracic_extension_floor_how` (only `how` and `position` have those).
 */
export function exerciseMessageKey(
  id: ExerciseId,
  field: 'name' | 'how' | 'position',
  variant?: ExerciseVariant,
): MessageKey {
  const base = `exercise_${id.replaceAll('-', '_')}`;
  return (variant === undefined || field === 'name' ? `${base}_${field}` : `${base}_${variant}_${field}`) as MessageKey;
}

/**
 * The i18n message key of what to do on one side of a sided exercise, e.g.
 * `exercise_cross_body_shoulder_left` ("Left arm across your body"): it says what to do, not
 * just "left side", which could be the arm that moves or the side that stretches.
 */
export function exerciseSideMessageKey(id: ExerciseId, side: 'left' | 'right'): MessageKey {
  return `exercise_${id.replaceAll('-', '_')}_${side}` as MessageKey;
}
