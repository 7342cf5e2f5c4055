// The exercises: a preview card of each (illustration, name, where, how) with a switch to leave it out, and the break it makes.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from '../../platform/browser';
import { EXERCISE_IDS, exerciseMessageKey, type ExerciseId } from '../../core/rules/exercises';
import { breaksTaken, readHistory } from '../../core/rules/history';
import { buildRoutine, roundForBreak, routineForBreak, ROUTINES, type RoutineId } from '../../core/rules/routines';
import { HISTORY_KEY } from '../../core/contracts/storage-keys';
import type { SettingMessage } from '../../core/rules/settings-schema';
import { t } from '../../platform/i18n';
import { Illustration } from '../../ui/Illustration';
import { stepLabel } from '../../ui/step-label';
import { describedBy, FieldError } from './controls';

/** The routines an exercise belongs to, e.g. "Desk, Floor". */
function routinesOf(id: ExerciseId): RoutineId[] {
  return (Object.keys(ROUTINES) as RoutineId[]).filter((routine) => ROUTINES[routine].some((entry) => entry.exerciseId === id));
}

export function routineSummary(routine: RoutineId): string {
  return ROUTINES[routine].map((entry) => t(exerciseMessageKey(entry.exerciseId, 'name'))).join(', ');
}

export function ExercisePicker(props: {
  disabled: ExerciseId[];
  error: SettingMessage | undefined;
  onChange: (disabled: ExerciseId[]) => void;
}) {
  const { disabled, error } = props;
  return (
    <fieldset
      class="field exercises"
      data-setting="disabledExercises"
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={describedBy('field-disabledExercises-hint', error && 'field-disabledExercises-error')}
    >
      <legend>{t('optExercises')}</legend>
      <p id="field-disabledExercises-hint" class="hint">
        {t('optExercisesHint')}
      </p>
      <ul class="exercise-list">
        {EXERCISE_IDS.map((id) => {
          const included = !disabled.includes(id);
          const inputId = `field-exercise-${id}`;
          return (
            <li class={`exercise-card${included ? '' : ' excluded'}`} key={id}>
              <Illustration id={id} />
              <div class="exercise-text">
                <div class="switch-field">
                  <input
                    id={inputId}
                    type="checkbox"
                    role="switch"
                    checked={included}
                    aria-describedby={`${inputId}-where ${inputId}-how`}
                    onChange={(event) =>
                      props.onChange(event.currentTarget.checked ? disabled.filter((d) => d !== id) : [...disabled, id])
                    }
                  />
                  <label for={inputId}>{t(exerciseMessageKey(id, 'name'))}</label>
                </div>
                <p id={`${inputId}-where`} class="hint">
                  {t('optExerciseWhere', [
                    t(exerciseMessageKey(id, 'position')),
                    routinesOf(id)
                      .map((routine) => t(`optRoutine_${routine}`))
                      .join(', '),
                  ])}
                </p>
                <p id={`${inputId}-how`} class="how">
                  {t(exerciseMessageKey(id, 'how'))}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
      <FieldError id="field-disabledExercises-error" error={error} />
    </fieldset>
  );
}

/** Breaks taken so far (the history's completed breaks): where the rotation stands. */
function useBreaksTaken(): number {
  const [taken, setTaken] = useState(0);
  useEffect(() => {
    const load = () =>
      void browser.storage.local.get(HISTORY_KEY).then(
        (stored) => setTaken(breaksTaken(readHistory(stored[HISTORY_KEY]))),
        () => undefined,
      );
    load();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && HISTORY_KEY in changes) load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return taken;
}

/**
 * What the next two breaks will hold with these choices: exercises in order with their hold times.
 * Breaks take turns through the routine's exercises (and, with rotation on, between routines), so
 * the two usually differ; both follow the breaks taken so far, as the break page does.
 */
export function BreakPreview(props: { routine: RoutineId; breakSeconds: number; disabled: ExerciseId[]; rotate: boolean }) {
  const taken = useBreaksTaken();
  const breaks = useMemo(() => {
    const rotation = props.rotate ? 'rotate' : 'fixed';
    return [taken, taken + 1].map((count) => {
      const routine = routineForBreak(rotation, props.routine, count);
      const steps = buildRoutine(routine, props.breakSeconds, props.disabled, roundForBreak(rotation, count));
      return { routine, holds: steps.filter((step) => step.kind === 'exercise') };
    });
  }, [taken, props.routine, props.breakSeconds, props.disabled, props.rotate]);
  return (
    <section class="break-preview" aria-labelledby="break-preview-heading-0">
      {breaks.map(({ routine, holds }, index) => (
        <div key={index}>
          <h3 id={`break-preview-heading-${index}`}>
            {t(index === 0 ? 'optPreviewHeading' : 'optPreviewHeadingAfter', [t(`optRoutine_${routine}`), String(props.breakSeconds)])}
          </h3>
          <ol data-testid={index === 0 ? 'break-preview' : 'break-preview-after'}>
            {holds.map((step, i) => (
              <li key={i}>{t('optPreviewStep', [stepLabel(step), String(step.seconds)])}</li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
