// How a step of a routine is named to the user: in the break itself, in what is spoken, and in the options page's preview.

import { exerciseMessageKey, exerciseSideMessageKey } from '../core/rules/exercises';
import type { RoutineStep } from '../core/rules/routines';
import { t } from '../platform/i18n';

/** What to do on this side, e.g. "Left arm across your body"; null for a step without a side. */
export function sideText(step: RoutineStep): string | null {
  return step.kind === 'exercise' && step.side ? t(exerciseSideMessageKey(step.exerciseId, step.side)) : null;
}

export function stepTitle(step: RoutineStep): string {
  if (step.kind === 'transition') {
    const next = t(exerciseMessageKey(step.nextExerciseId, 'name'));
    if (step.cue === 'get-on-mat') return t('cue_get_on_mat', [next]);
    return step.cue === 'switch-sides' ? t('cue_switch_sides') : t('cue_get_ready', [next]);
  }
  return t(exerciseMessageKey(step.exerciseId, 'name'));
}

/** "Cross-body shoulder stretch: Right arm across your body": what the user does, and what is announced and spoken. */
export function stepLabel(step: RoutineStep): string {
  const side = sideText(step);
  return side ? t('exerciseWithSide', [stepTitle(step), side]) : stepTitle(step);
}
