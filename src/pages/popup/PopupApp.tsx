// The toolbar popup: live time to the next break, today's tally, break now, pause / resume.
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../../platform/browser';
import type { MessageKey } from '../../core/contracts/message-keys';
import { emptyTally, localDayKey, readHistory, tallyFor, type DayTally } from '../../core/rules/history';
import { cycleActiveMsAt, isScheduleState, nextBreakAt, type ScheduleState } from '../../core/rules/schedule';
import type { ManualCallMinutes } from '../../core/rules/call';
import { readTiming, type Timing } from '../../core/rules/timing';
import { HISTORY_KEY, POPUP_LAST_KNOWN_KEY, SCHEDULE_KEY, TIMING_KEY } from '../../core/contracts/storage-keys';
import { isWithinWorkingHours } from '../../core/rules/working-hours';
import { formatClockTime, formatCountdown } from '../../ui/format';
import { t } from '../../platform/i18n';
import { request } from '../../ui/messaging';
import { recogniseMeetings, useMeetingsRecognition } from '../../ui/MeetingsAccess';
import { OverlayAccess } from '../../ui/OverlayAccess';
import { ShortcutKey } from '../../ui/ShortcutKey';
import { Tally } from '../../ui/Tally';

interface Stored {
  state: ScheduleState;
  timing: Timing;
  today: DayTally;
}

const LOCAL_KEYS = [SCHEDULE_KEY, TIMING_KEY, HISTORY_KEY];

function storedFrom(local: Record<string, unknown>, now: number): Stored | null {
  const schedule = local[SCHEDULE_KEY];
  const timing = readTiming(local[TIMING_KEY]);
  if (!isScheduleState(schedule) || !timing) return null;
  return { state: schedule, timing, today: tallyFor(readHistory(local[HISTORY_KEY]), localDayKey(now)) };
}

/** One storage read is all the popup waits for; everything else is computed here. */
async function readStored(): Promise<Stored | null> {
  const now = Date.now();
  const local = await browser.storage.local.get(LOCAL_KEYS);
  const stored = storedFrom(local, now);
  if (stored) rememberLastKnown(stored, now);
  return stored;
}

/**
 * What the popup showed last time, read synchronously: it paints before the storage read answers,
 * which then replaces it. The countdown is computed from it as from fresh state, so it is right
 * unless something happened since; then the read corrects it a moment later.
 */
function lastKnown(): Stored | null {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(POPUP_LAST_KNOWN_KEY) ?? 'null');
    return typeof saved === 'object' && saved !== null ? storedFrom(saved as Record<string, unknown>, Date.now()) : null;
  } catch {
    return null;
  }
}

function rememberLastKnown({ state, timing, today }: Stored, now: number): void {
  try {
    localStorage.setItem(POPUP_LAST_KNOWN_KEY, JSON.stringify({ [SCHEDULE_KEY]: state, [TIMING_KEY]: timing, [HISTORY_KEY]: { [localDayKey(now)]: today } }));
  } catch {
    // Storage full or unavailable: the popup just paints after its read next time.
  }
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * "Take a break now": the break shows in the window this popup belongs to. The background can't
 * find it by itself: while the popup has the focus, Chromium on Linux says no window has it.
 */
async function takeBreakHere(): Promise<void> {
  const windowId = (await browser.windows.getCurrent().catch(() => null))?.id;
  await request(windowId === undefined ? { type: 'break:now' } : { type: 'break:now', windowId });
}

const PAUSE_CHOICES: ReadonlyArray<{ minutes: number | null | 'tomorrow'; label: MessageKey }> = [
  { minutes: 30, label: 'pauseFor30Minutes' },
  { minutes: 60, label: 'pauseFor1Hour' },
  { minutes: 120, label: 'pauseFor2Hours' },
  { minutes: 'tomorrow', label: 'pauseUntilTomorrow' },
  { minutes: null, label: 'pauseUntilResumed' },
];

export function PopupApp() {
  const [stored, setStored] = useState<Stored | null>(lastKnown);
  const [menuOpen, setMenuOpen] = useState(false);
  const now = useNow(1000);

  useEffect(() => {
    document.title = t('extName');
    const refresh = () => void readStored().then(setStored);
    refresh();
    browser.storage.onChanged.addListener(refresh);
    return () => browser.storage.onChanged.removeListener(refresh);
  }, []);

  if (!stored) return <main aria-busy="true" />;
  const { state, timing } = stored;
  // Today's screen time includes the part of this cycle not yet written to history.
  const unsettledMs = Math.max(0, cycleActiveMsAt(state, now, timing) - state.cycleActiveMs);
  const today = { ...emptyTally(), ...stored.today, activeMs: stored.today.activeMs + unsettledMs };

  return (
    <main>
      <h1 class="visually-hidden">{t('extName')}</h1>
      <section class="status" aria-live="polite">
        <Status state={state} timing={timing} now={now} />
      </section>
      <div class="buttons">
        {state.mode.kind === 'paused' ? (
          <button class="primary" onClick={() => void request({ type: 'resume' })}>
            {t('buttonResumeReminders')}
          </button>
        ) : (
          <>
            <button class="primary" onClick={() => void takeBreakHere().then(() => window.close())}>
              {state.mode.kind === 'due' ? t('buttonShowBreak') : t('buttonBreakNow')}
            </button>
            <button aria-expanded={menuOpen} aria-controls="pause-menu" onClick={() => setMenuOpen((open) => !open)}>
              {t('buttonPauseMenu')}
            </button>
            {menuOpen && (
              <ul class="menu" id="pause-menu">
                {PAUSE_CHOICES.map(({ minutes, label }) => (
                  <li key={label}>
                    <button
                      onClick={() => {
                        setMenuOpen(false);
                        void request({ type: 'pause', minutes });
                      }}
                    >
                      {t(label)}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {state.mode.kind !== 'paused' && <CallControl state={state} now={now} />}
      <h2>{t('todayHeading')}</h2>
      <Tally today={today} withActive />
      <OverlayAccess />
      <ShortcutKey />
      <button class="link" onClick={() => void browser.runtime.openOptionsPage().then(() => window.close())}>
        {t('buttonSettings')}
      </button>
    </main>
  );
}

function Status({ state, timing, now }: { state: ScheduleState; timing: Timing; now: number }) {
  if (state.mode.kind === 'due') return <p class="state">{state.mode.heldSince !== null ? t('popupBreakHeld') : t('popupBreakDue')}</p>;
  if (state.mode.kind === 'paused') {
    const until = state.mode.until;
    return <p class="state">{until === null ? t('popupPausedIndefinitely') : t('popupPausedUntil', [formatClockTime(until)])}</p>;
  }
  if (!isWithinWorkingHours(now, timing.workingHours)) return <p class="state">{t('popupOutsideHours')}</p>;
  const dueAt = nextBreakAt(state, now, timing);
  if (dueAt === null) return <p class="state">{t('popupAwayNoCount')}</p>;
  return (
    <>
      <p class="label">{t('popupNextBreakIn')}</p>
      <p class="countdown" data-testid="next-break">
        {formatCountdown(dueAt - now)}
      </p>
    </>
  );
}

const CALL_CHOICES: ReadonlyArray<{ minutes: ManualCallMinutes; label: MessageKey }> = [
  { minutes: 30, label: 'pauseFor30Minutes' },
  { minutes: 60, label: 'pauseFor1Hour' },
  { minutes: 90, label: 'callFor90Minutes' },
  { minutes: null, label: 'callUntilEnded' },
];

/** "I'm in a call": breaks are held until it ends (desktop Zoom or Teams, which no extension can see), or its end. */
function CallControl({ state, now }: { state: ScheduleState; now: number }) {
  const [open, setOpen] = useState(false);
  const until = state.callManualUntil;
  if (state.callManual && (until === null || until > now)) {
    return (
      <div class="call">
        <p class="state" data-testid="in-call">
          {until === null ? t('popupInCall') : t('popupInCallUntil', [formatClockTime(until)])}
        </p>
        <button onClick={() => void request({ type: 'call', minutes: 'end' })}>{t('buttonEndCall')}</button>
      </div>
    );
  }
  return (
    <div class="buttons call">
      <button aria-expanded={open} aria-controls="call-menu" onClick={() => setOpen((was) => !was)}>
        {t('buttonInCallMenu')}
      </button>
      {open && (
        <ul class="menu" id="call-menu">
          {CALL_CHOICES.map(({ minutes, label }) => (
            <li key={label}>
              <button
                onClick={() => {
                  setOpen(false);
                  void request({ type: 'call', minutes });
                }}
              >
                {t(label)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && <RecogniseMeetings />}
    </div>
  );
}

/** Offered beside "I'm in a call" until it is on: a web meeting in this browser then holds breaks without being told. */
function RecogniseMeetings() {
  const [on, setOn] = useMeetingsRecognition();
  if (on !== false) return null;
  return (
    <div class="meetings-access">
      <p id="meetings-access-text" class="hint">
        {t('popupMeetingsExplain')}
      </p>
      <button aria-describedby="meetings-access-text" onClick={() => void recogniseMeetings().then(setOn, () => setOn(false))}>
        {t('optMeetings')}
      </button>
    </div>
  );
}
