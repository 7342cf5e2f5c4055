// What a break holds, in words: "Desk · 2 min · Doorway pectoral stretch, Posture check and Cross-body shoulder stretch".
// Said on the break prompt before Start, and in the options page's preview of the next breaks.

import { exerciseMessageKey, type ExerciseId } from '../core/rules/exercises';
import type { MessageKey } from '../core/contracts/message-keys';
import type { RoutineId, RoutineStep } from '../core/rules/routines';
import { t } from '../platform/i18n';

const ROUTINE_NAME_KEYS: Readonly<Record<RoutineId, MessageKey>> = { desk: 'welcomeRoutineDesk', floor: 'welcomeRoutineFloor' };

/** The exercises a break plays, each named once, in the order they first come. */
export function exerciseNames(steps: readonly RoutineStep[]): string[] {
  const ids: ExerciseId[] = [];
  for (const step of steps) if (step.kind === 'exercise' && !ids.includes(step.exerciseId)) ids.push(step.exerciseId);
  return ids.map((id) => t(exerciseMessageKey(id, 'name')));
}

/** The routine, the length and the exercises of one break, joined as the UI language joins a list. */
export function planText(routine: RoutineId, breakSeconds: number, steps: readonly RoutineStep[], language: string): string {
  const minutes = new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(breakSeconds / 60);
  const exercises = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(exerciseNames(steps));
  return t('promptPlan', [t(ROUTINE_NAME_KEYS[routine]), minutes, exercises]);
}
