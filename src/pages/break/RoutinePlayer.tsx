// The guided routine: one step at a time with its illustration, instructions, countdown ring, controls, chime and spoken cues.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { exerciseMessageKey, isExerciseId } from '../../core/rules/exercises';
import type { BreakView } from '../../core/contracts/messages';
import {
  canStepForward,
  layOutRoutine,
  playerPosition,
  stepBack,
  stepForward,
  type PlayerClock,
  type TimedStep,
} from '../../core/rules/player';
import { buildRoutine, isRoutineId } from '../../core/rules/routines';
import type { Chime } from '../../ui/chime';
import { t, tPlural, uiLocale } from '../../platform/i18n';
import { Illustration } from '../../ui/Illustration';
import { createSpeechCues } from '../../ui/speech';
import { sideText, stepLabel, stepTitle } from '../../ui/step-label';
import { stepNumberAt } from '../../core/rules/step-number';
import { useFocusOnMount } from './focus';
import type { BreakPreferences } from './preferences';

const TICK_MS = 200;

/**
 * Back points the way the page reads from: left in English, right in Arabic or Hebrew, where the
 * arrow keys swap too (as a right-to-left carousel steps). Arrow characters are not mirrored by the
 * text direction, so the glyphs swap here; `dir` is set before the first render.
 */
function stepKeys(rtl: boolean) {
  return rtl
    ? { back: 'ArrowRight', forward: 'ArrowLeft', backGlyph: '→', forwardGlyph: '←' }
    : { back: 'ArrowLeft', forward: 'ArrowRight', backGlyph: '←', forwardGlyph: '→' };
}

/** Running time of the routine (`ranMs`), standing still while paused. */
function useRunningTime(paused: boolean): number {
  const [ranMs, setRanMs] = useState(0);
  const base = useRef({ startedAt: Date.now(), ranBefore: 0 });
  useEffect(() => {
    if (paused) {
      base.current.ranBefore += Date.now() - base.current.startedAt;
      setRanMs(base.current.ranBefore);
      return undefined;
    }
    base.current.startedAt = Date.now();
    // A page timer is fine here: it lives exactly as long as the break page does.
    const timer = setInterval(() => setRanMs(base.current.ranBefore + Date.now() - base.current.startedAt), TICK_MS);
    return () => clearInterval(timer);
  }, [paused]);
  return paused ? base.current.ranBefore : ranMs;
}

function usePrefersReducedMotion(): boolean {
  const query = useMemo(() => window.matchMedia('(prefers-reduced-motion: reduce)'), []);
  const [reduce, setReduce] = useState(query.matches);
  useEffect(() => {
    const onChange = () => setReduce(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [query]);
  return reduce;
}

function isEditableOrButton(target: EventTarget | null): boolean {
  return target instanceof HTMLButtonElement || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

const keys = stepKeys(document.documentElement.dir === 'rtl');

export function RoutinePlayer({
  view,
  preferences,
  chime,
  onDone,
  onSnooze,
  onSkip,
}: {
  view: BreakView;
  preferences: BreakPreferences;
  /** Owned by the page, which opens it on the Start click. */
  chime: Chime;
  onDone: () => void;
  /** The Snooze button and Escape during the routine: stop now, come back later (absent when snoozing is not allowed). */
  onSnooze?: () => void;
  /** The Skip button during the routine (absent in strict mode, where the break has no way out). */
  onSkip?: () => void;
}) {
  const timeline: TimedStep[] = useMemo(() => {
    const routineId = isRoutineId(view.routineId) ? view.routineId : 'desk';
    const disabled = view.disabledExercises.filter(isExerciseId);
    return layOutRoutine(buildRoutine(routineId, view.routineBreakSeconds, disabled, view.routineRound), view.breakMs);
  }, [view]);
  const [paused, setPaused] = useState(false);
  const [offsetMs, setOffsetMs] = useState(0);
  const ranMs = useRunningTime(paused);
  const clock: PlayerClock = { ranMs, offsetMs };
  const position = playerPosition(timeline, clock);
  const reduceMotion = usePrefersReducedMotion();
  const pauseButton = useFocusOnMount<HTMLButtonElement>();
  const finished = useRef(false);
  const [announcement, setAnnouncement] = useState('');

  // The latest clock for key and click handlers, which must not act on a stale one.
  const clockRef = useRef(clock);
  clockRef.current = clock;
  const back = () => {
    const next = stepBack(timeline, clockRef.current);
    setOffsetMs(next.offsetMs);
  };
  const forward = () => {
    if (!canStepForward(timeline, clockRef.current)) return;
    setOffsetMs(stepForward(timeline, clockRef.current).offsetMs);
  };

  const cues = useMemo(() => ({ chime, speech: createSpeechCues(uiLocale()) }), [chime]);
  /** Leaving the routine early (Snooze, Skip): the voice stops at once, not when the surface has gone. */
  const leaveWith = (leave: () => void) => () => {
    cues.speech.cancel();
    leave();
  };
  useEffect(() => {
    const stop = () => cues.speech.cancel();
    window.addEventListener('pagehide', stop);
    return () => {
      window.removeEventListener('pagehide', stop);
      cues.speech.cancel();
    };
  }, [cues]);

  // Each new step: chime, speak, announce. Not the countdown's every second.
  const prefsRef = useRef(preferences);
  prefsRef.current = preferences;
  useEffect(() => {
    const step = timeline[position.index]?.step;
    if (!step) return;
    const label = stepLabel(step);
    setAnnouncement(label);
    if (prefsRef.current.sound) cues.chime.play();
    if (prefsRef.current.voice) cues.speech.say(label);
  }, [position.index, timeline, cues]);

  useEffect(() => {
    if (paused || !preferences.voice) cues.speech.cancel();
  }, [paused, preferences.voice, cues]);

  useEffect(() => {
    if (position.done && !finished.current) {
      finished.current = true;
      cues.speech.cancel();
      onDone();
    }
  }, [position.done, onDone, cues]);

  // Before the paint, like every screen's keys: a step that is seen answers its keys.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || finished.current) return;
      if (event.key === ' ' && !isEditableOrButton(event.target)) {
        event.preventDefault();
        setPaused((p) => !p);
      } else if (event.key === keys.back) {
        event.preventDefault();
        back();
      } else if (event.key === keys.forward) {
        event.preventDefault();
        forward();
      } else if (event.key === 'Escape' && onSnooze) {
        event.preventDefault();
        leaveWith(onSnooze)();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const current = timeline[Math.min(position.index, timeline.length - 1)];
  if (!current) return <main class="card" aria-busy="true" />;
  const step = current.step;
  // A transition shows the drawing of the hold it leads to: its set-up (variant) and its side.
  const shown = step.kind === 'exercise' ? step : timeline.slice(position.index + 1).find((s) => s.step.kind === 'exercise')?.step;
  const exerciseId = step.kind === 'exercise' ? step.exerciseId : step.nextExerciseId;
  const stepNumber = stepNumberAt(timeline.map((s) => s.step), position.index);
  const upcoming = timeline.slice(position.index + 1).find((s) => s.step.kind === 'exercise');
  const secondsLeft = Math.ceil(position.remainingInStepMs / 1000);
  const shownRemainingMs = reduceMotion ? secondsLeft * 1000 : position.remainingInStepMs;
  const fraction = position.stepDurationMs > 0 ? Math.min(1, shownRemainingMs / position.stepDurationMs) : 0;
  const how = step.kind === 'exercise' ? t(exerciseMessageKey(step.exerciseId, 'how', step.variant)) : null;
  const side = sideText(step);
  const forwardAllowed = canStepForward(timeline, clock);

  return (
    <main class="card routine" aria-labelledby="step-title">
      <p class="progress step-count">{t('stepOfSteps', [String(stepNumber.current), String(stepNumber.total)])}</p>
      {isExerciseId(exerciseId) && (
        <Illustration
          id={exerciseId}
          variant={shown?.kind === 'exercise' && shown.exerciseId === exerciseId ? shown.variant : undefined}
          side={shown?.kind === 'exercise' && shown.exerciseId === exerciseId ? shown.side : null}
        />
      )}
      <h1 id="step-title">{stepTitle(step)}</h1>
      {side && <p class="side">{side}</p>}
      {how && <p class="how">{how}</p>}
      <CountdownRing fraction={fraction} seconds={secondsLeft} paused={paused} />
      <p class="progress next-up">
        {upcoming && upcoming.step.kind === 'exercise' ? t('nextUp', [stepLabel(upcoming.step)]) : t('lastStep')}
      </p>
      <div class="actions" role="group" aria-label={t('routineRegionLabel')}>
        <button onClick={back} aria-keyshortcuts={keys.back} data-testid="step-back">
          <span aria-hidden="true">{keys.backGlyph} </span>
          {t('buttonStepBack')}
        </button>
        {/* The label says what the button does next; the ring says "Paused" while it is. */}
        <button class="primary" ref={pauseButton} onClick={() => setPaused((p) => !p)} aria-keyshortcuts="Space" data-testid="pause">
          {t(paused ? 'buttonResume' : 'buttonPause')}
        </button>
        <button
          onClick={forward}
          aria-disabled={!forwardAllowed}
          aria-keyshortcuts={keys.forward}
          data-testid="step-forward"
        >
          {t('buttonStepForward')}
          <span aria-hidden="true"> {keys.forwardGlyph}</span>
        </button>
      </div>
      {onSnooze || onSkip ? (
        // The way out, for mouse and touch as much as for the keyboard: the prompt's own buttons, named as there.
        <div class="actions way-out">
          {onSnooze && (
            <button class="quiet" onClick={leaveWith(onSnooze)} aria-keyshortcuts="Escape">
              {tPlural('buttonSnooze', view.snoozeMinutes)}
            </button>
          )}
          {onSkip && (
            <button class="quiet" onClick={leaveWith(onSkip)}>
              {t('buttonSkip')}
            </button>
          )}
        </div>
      ) : (
        <p class="strict-note">{t('routineStrictNote')}</p>
      )}
      <p class="hint">{t(onSnooze ? 'routineKeyboardHint' : 'routineKeyboardHintNoSnooze')}</p>
      <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="step-announcement">
        {announcement}
      </p>
    </main>
  );
}

function CountdownRing({ fraction, seconds, paused }: { fraction: number; seconds: number; paused: boolean }) {
  const radius = 58;
  const circumference = 2 * Math.PI * radius;
  const label = t('secondsLeft', [String(seconds)]);
  return (
    <div class={paused ? 'ring paused' : 'ring'} role="timer" aria-label={paused ? `${label} · ${t('routinePausedStatus')}` : label}>
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
      <span class="count" aria-hidden="true">
        <span data-testid="countdown">{seconds}</span>
        {paused && <span class="paused-status">{t('routinePausedStatus')}</span>}
      </span>
    </div>
  );
}
