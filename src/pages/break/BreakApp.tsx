// The break page: the prompt (Start · Snooze · Skip), the "why" view, then the guided routine, then Done.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from '../../platform/browser';
import type { DayTally } from '../../core/rules/history';
import { parseBroadcast, type BreakView } from '../../core/contracts/messages';
import { createChime } from '../../ui/chime';
import { t, tPlural } from '../../platform/i18n';
import { request } from '../../ui/messaging';
import { applyAndRememberTheme } from '../../ui/theme';
import { OVERLAY_CLOSE } from '../../core/contracts/overlay-protocol';
import { CloseAction } from './CloseAction';
import { holdSurfacePort } from './surface-port';
import { useAccidentalKeyGuard } from './key-guard';
import { useSight } from './sight';
import { watchPreferences, type BreakPreferences } from './preferences';
import type { PromptView } from '../../core/contracts/break-view';
import { isExerciseId } from '../../core/rules/exercises';
import { buildRoutine, isRoutineId } from '../../core/rules/routines';
import { planText } from '../../ui/break-plan';

type Surface = 'overlay' | 'window';

type Screen =
  | { kind: 'loading' }
  | { kind: 'nothing-due' }
  /** `from`: the prompt was reached from the "why" view, so focus goes back to its link. */
  | { kind: 'prompt'; view: PromptView | BreakView; from?: 'why' }
  | { kind: 'why'; view: PromptView | BreakView }
  | { kind: 'routine'; view: BreakView }
  | { kind: 'done'; today: DayTally };

type Later = typeof import('./later');
let laterModule: Promise<Later> | undefined;

/** The screens after the prompt, fetched once the prompt has painted so they are ready by the first click. */
function useLater(): Later | null {
  const [later, setLater] = useState<Later | null>(null);
  useEffect(() => {
    laterModule ??= import('./later');
    void laterModule.then(setLater);
  }, []);
  return later;
}

/** The first screen: the prompt as the URL or storage has it, or loading until the background answers. */
function firstScreen(stored: PromptView | null): Screen {
  return stored && !stored.started ? { kind: 'prompt', view: stored } : { kind: 'loading' };
}

/** The background's answer to `break:get` replaces what the page painted first, keeping where the user is. */
function screenFor(current: Screen, view: BreakView | null): Screen {
  if (current.kind === 'done' || current.kind === 'routine') return current;
  if (!view) return { kind: 'nothing-due' };
  if (view.started) return { kind: 'routine', view };
  if (current.kind === 'prompt' || current.kind === 'why') return { ...current, view };
  return { kind: 'prompt', view };
}

/** Closes whichever surface this page is in: the overlay asks its host script, the window closes itself. */
function closeSurface(surface: Surface): void {
  if (surface === 'overlay') window.parent.postMessage({ type: OVERLAY_CLOSE }, '*');
  else window.close();
}

function usePreferences(initial: BreakPreferences, loading: Promise<BreakPreferences>): BreakPreferences {
  const [preferences, setPreferences] = useState<BreakPreferences>(initial);
  useEffect(() => {
    void loading.then(setPreferences);
    return watchPreferences(setPreferences);
  }, [loading]);
  useEffect(() => applyAndRememberTheme(preferences.theme), [preferences.theme]);
  return preferences;
}

export interface BreakAppProps {
  surface: Surface;
  /** From the page's URL; every break request names it (core/contracts/messages.ts). */
  token: string;
  /** The pending break as the URL or storage has it: painted at once, before the background answers. */
  storedPrompt: PromptView | null;
  /** The background's `break:get` answer, asked for as the page started: the authority. */
  breakView: Promise<BreakView | null>;
  /** What the first paint assumes (the theme may come with the URL); `preferences` then has the stored ones. */
  initialPreferences: BreakPreferences;
  preferences: Promise<BreakPreferences>;
}

export function BreakApp({ surface, token, storedPrompt, breakView, initialPreferences, preferences: loadingPreferences }: BreakAppProps) {
  const [screen, setScreen] = useState<Screen>(() => firstScreen(storedPrompt));
  const preferences = usePreferences(initialPreferences, loadingPreferences);
  const later = useLater();
  /** The whole view from the background, once it has answered. */
  const fullView = useRef<BreakView | null>(null);
  const preferencesRef = useRef(preferences);
  preferencesRef.current = preferences;
  // Set once the break is answered here, so leaving the page afterwards is not "closed early".
  const answered = useRef(false);
  const breakId = screen.kind === 'prompt' || screen.kind === 'why' || screen.kind === 'routine' ? screen.view.breakId : null;
  const sight = useSight(surface);
  const keysAnswered = useAccidentalKeyGuard(screen.kind === 'prompt', sight.answeringRef) && sight.answering;
  // Every screen says whether input counts yet (tests wait for it; the prompt also marks its own keys).
  useLayoutEffect(() => {
    document.documentElement.dataset.input = sight.answering ? 'answered' : 'not-yet';
  }, [sight.answering]);

  useEffect(() => {
    void breakView.then((view) => {
      fullView.current = view;
      setScreen((current) => screenFor(current, view));
    });
  }, [breakView]);

  // The break was answered elsewhere (another surface, a natural break, a pause): go away.
  useEffect(() => {
    if (breakId === null) return undefined;
    const onMessage = (raw: unknown) => {
      const broadcast = parseBroadcast(raw);
      if (broadcast?.breakId === breakId && !answered.current) {
        answered.current = true;
        closeSurface(surface);
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [breakId, surface]);

  // While the break is pending here, the page holds the surface port: its going tells the
  // background this surface is gone (window closed, tab closed or navigated, overlay removed), and
  // it follows the break from there. Answered or done, the page lets go.
  useEffect(() => {
    if (breakId === null) return undefined;
    return holdSurfacePort(breakId, token, () => closeSurface(surface));
  }, [breakId, token, surface]);

  const answer = useCallback(
    async (type: 'break:snooze' | 'break:skip', id: number) => {
      if (answered.current) return;
      answered.current = true;
      await request(type === 'break:snooze' ? { type: 'break:snooze', breakId: id, token } : { type: 'break:skip', breakId: id, token });
      closeSurface(surface);
    },
    [surface, token],
  );

  // One chime for the page: opened by the Start click itself, so the browser lets it sound.
  const chime = useMemo(() => createChime(), []);
  useEffect(() => () => chime.close(), [chime]);

  const starting = useRef(false);
  const start = useCallback(
    async (breakId: number) => {
      if (starting.current) return;
      starting.current = true;
      if (preferencesRef.current.sound) chime.prime();
      await request({ type: 'break:start', breakId, token });
      // The routine needs the whole view: a click on the prompt painted from storage may come before it.
      const view = fullView.current ?? (await breakView);
      setScreen(view?.breakId === breakId ? { kind: 'routine', view } : { kind: 'nothing-due' });
    },
    [chime, breakView, token],
  );

  const complete = useCallback(
    async (id: number) => {
      answered.current = true;
      const result = await request({ type: 'break:complete', breakId: id, token });
      setScreen({ kind: 'done', today: result.today });
    },
    [token],
  );

  switch (screen.kind) {
    case 'loading':
      return <Loading />;
    case 'nothing-due':
      return <NothingDue onClose={() => closeSurface(surface)} />;
    case 'prompt':
      return (
        <Prompt
          key={`prompt-${screen.from ?? 'first'}`}
          view={screen.view}
          focusWhy={screen.from === 'why'}
          keysAnswered={keysAnswered}
          onStart={() => void start(screen.view.breakId)}
          onSnooze={() => void answer('break:snooze', screen.view.breakId)}
          onSkip={() => void answer('break:skip', screen.view.breakId)}
          onWhy={() => setScreen({ kind: 'why', view: screen.view })}
        />
      );
    case 'why':
      if (!later) return <Loading />;
      return <later.WhyView onBack={() => setScreen({ kind: 'prompt', view: screen.view, from: 'why' })} />;
    case 'routine':
      if (!later) return <Loading />;
      return (
        <later.RoutinePlayer
          view={screen.view}
          preferences={preferences}
          chime={chime}
          onDone={() => void complete(screen.view.breakId)}
          onSnooze={screen.view.canSnooze ? () => void answer('break:snooze', screen.view.breakId) : undefined}
          onSkip={screen.view.canSkip ? () => void answer('break:skip', screen.view.breakId) : undefined}
        />
      );
    case 'done':
      if (!later) return <Loading />;
      return <later.Done today={screen.today} onClose={() => closeSurface(surface)} />;
  }
}

function NothingDue({ onClose }: { onClose: () => void }) {
  return (
    <main class="card">
      <p>{t('noBreakPending')}</p>
      <CloseAction onClose={onClose} />
    </main>
  );
}

function Loading() {
  return <main class="card" aria-busy="true" />;
}

/**
 * What the break holds ("Desk · 2 min · Doorway pectoral stretch, Posture check and …"), once the
 * background's answer has said which routine and which of its breaks; null until then.
 */
function planOf(view: PromptView | BreakView): string | null {
  if (!('routineId' in view)) return null;
  const routineId = isRoutineId(view.routineId) ? view.routineId : 'desk';
  const steps = buildRoutine(routineId, view.routineBreakSeconds, view.disabledExercises.filter(isExerciseId), view.routineRound);
  return planText(routineId, view.routineBreakSeconds, steps, browser.i18n.getUILanguage());
}

function Prompt({
  view,
  focusWhy,
  keysAnswered,
  onStart,
  onSnooze,
  onSkip,
  onWhy,
}: {
  view: PromptView | BreakView;
  focusWhy: boolean;
  /** False for the first second after the prompt appears, when keys are taken as typing already under way, and while the break has not been seen long enough to take input. */
  keysAnswered: boolean;
  onStart: () => void;
  onSnooze: () => void;
  onSkip: () => void;
  onWhy: () => void;
}) {
  const minutes = Math.round(view.breakMs / 60_000);
  const plan = useMemo(() => planOf(view), [view]);
  const startButton = useRef<HTMLButtonElement>(null);
  const whyButton = useRef<HTMLButtonElement>(null);
  // Focus and keys are in place before the prompt paints: what a person sees answers their keys.
  useLayoutEffect(() => {
    (focusWhy ? whyButton : startButton).current?.focus();
  }, [focusWhy]);
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'Escape' && view.canSnooze) {
        event.preventDefault();
        onSnooze();
      } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
        // On a button Enter presses that button; anywhere else it starts the break.
        event.preventDefault();
        onStart();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view.canSnooze, onSnooze, onStart]);
  return (
    <main class="card" aria-labelledby="prompt-heading" aria-describedby="prompt-body prompt-plan" data-keys={keysAnswered ? 'answered' : 'not-yet'}>
      <h1 id="prompt-heading">{minutes >= 1 ? tPlural('promptHeading', minutes) : t('promptHeadingShort')}</h1>
      <p id="prompt-body">{t('promptBody')}</p>
      {/* Holds its line while the background's answer is on its way, so the buttons don't move. */}
      <p id="prompt-plan" class="plan" data-testid="break-plan">
        {plan ?? '\u00a0'}
      </p>
      {!view.canSnooze && view.canSkip && view.snoozesInRow > 0 && <p>{tPlural('snoozeLimitReached', view.snoozesInRow)}</p>}
      <div class="actions">
        <button class="primary" ref={startButton} onClick={onStart} aria-keyshortcuts="Enter">
          {t('buttonStart')}
        </button>
        {view.canSnooze && (
          <button onClick={onSnooze} aria-keyshortcuts="Escape">
            {tPlural('buttonSnooze', view.snoozeMinutes)}
          </button>
        )}
        {view.canSkip && <button onClick={onSkip}>{t('buttonSkip')}</button>}
      </div>
      <button class="link-button" ref={whyButton} onClick={onWhy}>
        {t('whyLink')}
      </button>
    </main>
  );
}
