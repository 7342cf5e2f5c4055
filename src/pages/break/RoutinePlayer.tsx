// The guided routine: one step at a time with its illustration, instructions and a countdown ring.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { exerciseMessageKey, isExerciseId, type ExerciseId } from '../../core/exercises';
import type { BreakView } from '../../core/messages';
import { layOutRoutine, positionAt, type TimedStep } from '../../core/player';
import { buildRoutine, isRoutineId, type RoutineStep } from '../../core/routines';
import { t } from '../../ui/i18n';

const illustrations = import.meta.glob<string>('../../ui/illustrations/*.svg', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function illustrationOf(id: ExerciseId): string | undefined {
  return illustrations[`../../ui/illustrations/${id}.svg`];
}

const TICK_MS = 200;

/** Elapsed routine time that stands still while paused. */
function useRoutineClock(paused: boolean): number {
  const [elapsedMs, setElapsedMs] = useState(0);
  const base = useRef({ startedAt: Date.now(), elapsedBefore: 0 });
  useEffect(() => {
    if (paused) {
      base.current.elapsedBefore += Date.now() - base.current.startedAt;
      return undefined;
    }
    base.current.startedAt = Date.now();
    // A page timer is fine here: it lives exactly as long as the break page does.
    const timer = setInterval(() => setElapsedMs(base.current.elapsedBefore + Date.now() - base.current.startedAt), TICK_MS);
    return () => clearInterval(timer);
  }, [paused]);
  return paused ? base.current.elapsedBefore : elapsedMs;
}

function stepTitle(step: RoutineStep): string {
  if (step.kind === 'transition') {
    return step.cue === 'switch-sides' ? t('cue_switch_sides') : t('cue_get_ready', [t(exerciseMessageKey(step.nextExerciseId, 'name'))]);
  }
  return t(exerciseMessageKey(step.exerciseId, 'name'));
}

/** "Cross-body shoulder stretch (right side)": what the user does in an exercise step. */
function exerciseLabel(step: Extract<RoutineStep, { kind: 'exercise' }>): string {
  const name = t(exerciseMessageKey(step.exerciseId, 'name'));
  return step.side ? t('exerciseWithSide', [name, t(step.side === 'left' ? 'sideLeftLong' : 'sideRightLong')]) : name;
}

export function RoutinePlayer({ view, onDone }: { view: BreakView; onDone: () => void }) {
  const timeline: TimedStep[] = useMemo(() => {
    const routineId = isRoutineId(view.routineId) ? view.routineId : 'desk';
    return layOutRoutine(buildRoutine(routineId, view.routineBreakSeconds), view.breakMs);
  }, [view]);
  const [paused, setPaused] = useState(false);
  const elapsedMs = useRoutineClock(paused);
  const position = positionAt(timeline, elapsedMs);
  const finished = useRef(false);

  useEffect(() => {
    if (position.done && !finished.current) {
      finished.current = true;
      onDone();
    }
  }, [position.done, onDone]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === ' ' && !(event.target instanceof HTMLButtonElement)) {
        event.preventDefault();
        setPaused((p) => !p);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const current = timeline[Math.min(position.index, timeline.length - 1)];
  if (!current) return <main class="card" aria-busy="true" />;
  const step = current.step;
  const exerciseId = step.kind === 'exercise' ? step.exerciseId : step.nextExerciseId;
  const exerciseCount = timeline.filter((s) => s.step.kind === 'exercise').length;
  const exerciseNumber = timeline.slice(0, position.index + 1).filter((s) => s.step.kind === 'exercise').length;
  const upcoming = timeline.slice(position.index + 1).find((s) => s.step.kind === 'exercise');
  const secondsLeft = Math.ceil(position.remainingInStepMs / 1000);
  const fraction = current.durationMs > 0 ? position.remainingInStepMs / current.durationMs : 0;
  const svg = isExerciseId(exerciseId) ? illustrationOf(exerciseId) : undefined;
  const how = step.kind === 'exercise' ? t(exerciseMessageKey(step.exerciseId, 'how', step.variant)) : null;
  const title = stepTitle(step);

  return (
    <main class="card" aria-labelledby="step-title">
      <p class="progress">{t('stepOfSteps', [String(Math.max(1, exerciseNumber)), String(exerciseCount)])}</p>
      {svg && <Illustration svg={svg} />}
      <h1 id="step-title" aria-live="polite">
        {title}
      </h1>
      {step.kind === 'exercise' && step.side && <p class="side">{t(step.side === 'left' ? 'sideLeftLong' : 'sideRightLong')}</p>}
      {how && <p>{how}</p>}
      <CountdownRing fraction={fraction} seconds={secondsLeft} />
      <p class="progress">
        {upcoming && upcoming.step.kind === 'exercise' ? t('nextUp', [exerciseLabel(upcoming.step)]) : t('lastStep')}
      </p>
      <div class="actions">
        <button class="primary" autoFocus onClick={() => setPaused((p) => !p)} aria-pressed={paused}>
          {paused ? t('buttonResume') : t('buttonPause')}
        </button>
      </div>
    </main>
  );
}

/** Our own SVG files, parsed rather than set as HTML so nothing in them can run. */
function Illustration({ svg }: { svg: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
    host.current?.replaceChildren(document.importNode(root, true));
  }, [svg]);
  return <div class="illustration" aria-hidden="true" ref={host} />;
}

function CountdownRing({ fraction, seconds }: { fraction: number; seconds: number }) {
  const radius = 58;
  const circumference = 2 * Math.PI * radius;
  return (
    <div class="ring" role="timer" aria-label={t('secondsLeft', [String(seconds)])}>
      <svg width="132" height="132" viewBox="0 0 132 132" aria-hidden="true">
        <circle class="track" cx="66" cy="66" r={radius} fill="none" stroke-width="10" />
        <circle
          class="fill"
          cx="66"
          cy="66"
          r={radius}
          fill="none"
          stroke-width="10"
          stroke-linecap="round"
          stroke-dasharray={circumference}
          stroke-dashoffset={circumference * (1 - fraction)}
        />
      </svg>
      <span class="count" data-testid="countdown" aria-hidden="true">
        {seconds}
      </span>
    </div>
  );
}
