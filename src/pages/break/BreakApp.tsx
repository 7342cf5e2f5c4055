// The break page: the prompt (Start · Snooze · Skip), then the guided routine, then Done.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { DayTally } from '../../core/history';
import { parseBroadcast, type BreakView } from '../../core/messages';
import { t } from '../../ui/i18n';
import { request } from '../../ui/messaging';
import { Tally } from '../../ui/Tally';
import { RoutinePlayer } from './RoutinePlayer';

type Surface = 'overlay' | 'window';

type Screen =
  | { kind: 'loading' }
  | { kind: 'nothing-due' }
  | { kind: 'prompt'; view: BreakView }
  | { kind: 'routine'; view: BreakView }
  | { kind: 'done'; today: DayTally };

/** Closes whichever surface this page is in: the overlay asks its host script, the window closes itself. */
function closeSurface(surface: Surface): void {
  if (surface === 'overlay') window.parent.postMessage({ type: 'unhunch:close' }, '*');
  else window.close();
}

export function BreakApp({ surface }: { surface: Surface }) {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  // Set once the break is answered here, so leaving the page afterwards is not "closed early".
  const answered = useRef(false);
  const breakId = screen.kind === 'prompt' || screen.kind === 'routine' ? screen.view.breakId : null;

  useEffect(() => {
    document.title = t('breakPageTitle');
    void request({ type: 'break:get' }).then((view) => {
      if (!view) setScreen({ kind: 'nothing-due' });
      else setScreen(view.started ? { kind: 'routine', view } : { kind: 'prompt', view });
    });
  }, []);

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

  // Leaving before answering (window closed, tab navigated) must not lose the break.
  useEffect(() => {
    if (breakId === null) return undefined;
    const onPageHide = () => {
      if (!answered.current) void request({ type: 'break:surface-gone', breakId });
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [breakId]);

  const answer = useCallback(
    async (type: 'break:snooze' | 'break:skip', id: number) => {
      answered.current = true;
      await request({ type, breakId: id });
      closeSurface(surface);
    },
    [surface],
  );

  switch (screen.kind) {
    case 'loading':
      return <main class="card" aria-busy="true" />;
    case 'nothing-due':
      return (
        <main class="card">
          <p>{t('noBreakPending')}</p>
          <div class="actions">
            <button class="primary" autoFocus onClick={() => closeSurface(surface)}>
              {t('buttonClose')}
            </button>
          </div>
        </main>
      );
    case 'prompt':
      return (
        <Prompt
          view={screen.view}
          onStart={async () => {
            await request({ type: 'break:start', breakId: screen.view.breakId });
            setScreen({ kind: 'routine', view: screen.view });
          }}
          onSnooze={() => answer('break:snooze', screen.view.breakId)}
          onSkip={() => answer('break:skip', screen.view.breakId)}
        />
      );
    case 'routine':
      return (
        <RoutinePlayer
          view={screen.view}
          onDone={async () => {
            answered.current = true;
            const result = await request({ type: 'break:complete', breakId: screen.view.breakId });
            setScreen({ kind: 'done', today: result.today });
          }}
        />
      );
    case 'done':
      return (
        <main class="card" aria-labelledby="done-heading">
          <h1 id="done-heading">{t('doneHeading')}</h1>
          <p>{t('doneBody')}</p>
          <h2 class="visually-hidden">{t('todayHeading')}</h2>
          <Tally today={screen.today} />
          <div class="actions">
            <button class="primary" autoFocus onClick={() => closeSurface(surface)}>
              {t('buttonClose')}
            </button>
          </div>
        </main>
      );
  }
}

function Prompt({
  view,
  onStart,
  onSnooze,
  onSkip,
}: {
  view: BreakView;
  onStart: () => void;
  onSnooze: () => void;
  onSkip: () => void;
}) {
  const minutes = Math.round(view.breakMs / 60_000);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && view.canSnooze) {
        event.preventDefault();
        onSnooze();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view.canSnooze, onSnooze]);
  return (
    <main class="card" aria-labelledby="prompt-heading" aria-describedby="prompt-body">
      <h1 id="prompt-heading">{minutes >= 1 ? t('promptHeading', [String(minutes)]) : t('promptHeadingShort')}</h1>
      <p id="prompt-body">{t('promptBody')}</p>
      {!view.canSnooze && view.canSkip && view.snoozesInRow > 0 && <p>{t('snoozeLimitReached', [String(view.snoozesInRow)])}</p>}
      <div class="actions">
        <button class="primary" autoFocus onClick={onStart}>
          {t('buttonStart')}
        </button>
        {view.canSnooze && <button onClick={onSnooze}>{t('buttonSnooze', [String(view.snoozeMinutes)])}</button>}
        {view.canSkip && <button onClick={onSkip}>{t('buttonSkip')}</button>}
      </div>
    </main>
  );
}
