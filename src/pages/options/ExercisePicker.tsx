// The exercises: a preview card of each (illustration, name, where, how) with a switch to leave it out, and the break it makes.
import { useMemo } from 'preact/hooks';
import { EXERCISE_IDS, exerciseMessageKey, type ExerciseId } from '../../core/exercises';
import { buildRoutine, ROUTINES, type RoutineId } from '../../core/routines';
import type { SettingMessage } from '../../core/settings';
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

/** What the next break will hold with these choices: exercises in order with their hold times. */
export function BreakPreview(props: { routine: RoutineId; breakSeconds: number; disabled: ExerciseId[]; rotate: boolean }) {
  const steps = useMemo(
    () => buildRoutine(props.routine, props.breakSeconds, props.disabled).filter((step) => step.kind === 'exercise'),
    [props.routine, props.breakSeconds, props.disabled],
  );
  return (
    <section class="break-preview" aria-labelledby="break-preview-heading">
      <h3 id="break-preview-heading">
        {t(props.rotate ? 'optPreviewHeadingRotate' : 'optPreviewHeading', [t(`optRoutine_${props.routine}`), String(props.breakSeconds)])}
      </h3>
      <ol data-testid="break-preview">
        {steps.map((step, index) => (
          <li key={index}>{t('optPreviewStep', [stepLabel(step), String(step.seconds)])}</li>
        ))}
      </ol>
    </section>
  );
}
