// How a step of a routine is named to the user: in the break itself, in what is spoken, and in the options page's preview.

import { exerciseMessageKey } from '../core/exercises';
import type { RoutineStep } from '../core/routines';
import { t } from '../platform/i18n';

export function sideText(step: RoutineStep): string | null {
  return step.kind === 'exercise' && step.side ? t(step.side === 'left' ? 'sideLeftLong' : 'sideRightLong') : null;
}

export function stepTitle(step: RoutineStep): string {
  if (step.kind === 'transition') {
    return step.cue === 'switch-sides' ? t('cue_switch_sides') : t('cue_get_ready', [t(exerciseMessageKey(step.nextExerciseId, 'name'))]);
  }
  return t(exerciseMessageKey(step.exerciseId, 'name'));
}

/** "Cross-body shoulder stretch (right side)": what the user does, and what is announced and spoken. */
export function stepLabel(step: RoutineStep): string {
  const side = sideText(step);
  return side ? t('exerciseWithSide', [stepTitle(step), side]) : stepTitle(step);
}
