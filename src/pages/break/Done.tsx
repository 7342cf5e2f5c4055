// The Done screen: the routine ran to its end; today's tally and a Close button, and it closes itself soon after.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DayTally } from '../../core/rules/history';
import { t } from '../../platform/i18n';
import { Tally } from '../../ui/Tally';
import { CloseAction } from './CloseAction';

/** Long enough to read the tally; the break is already counted, so nothing is lost when it goes. */
export const DONE_CLOSES_AFTER_MS = 15_000;

/**
 * Closes the surface `DONE_CLOSES_AFTER_MS` after the screen appears, unless the person has
 * started using it (a pointer press or a key), which keeps it open until they close it. Returns
 * the whole seconds left, or null once it stays open.
 */
function useClosingSoon(onClose: () => void): number | null {
  const close = useRef(onClose);
  close.current = onClose;
  const [secondsLeft, setSecondsLeft] = useState<number | null>(Math.ceil(DONE_CLOSES_AFTER_MS / 1000));
  const staying = secondsLeft === null;
  useEffect(() => {
    if (staying) return undefined;
    const closesAt = Date.now() + DONE_CLOSES_AFTER_MS;
    const timer = setInterval(() => {
      const left = closesAt - Date.now();
      if (left > 0) {
        setSecondsLeft(Math.ceil(left / 1000));
        return;
      }
      clearInterval(timer);
      close.current();
    }, 250);
    const stay = () => setSecondsLeft(null);
    window.addEventListener('pointerdown', stay, true);
    window.addEventListener('keydown', stay, true);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', stay, true);
      window.removeEventListener('keydown', stay, true);
    };
  }, [staying]);
  return secondsLeft;
}

export function Done({ today, onClose }: { today: DayTally; onClose: () => void }) {
  const secondsLeft = useClosingSoon(onClose);
  return (
    <main class="card" aria-labelledby="done-heading" aria-describedby="done-body">
      <h1 id="done-heading">{t('doneHeading')}</h1>
      <p id="done-body">{t('doneBody')}</p>
      <h2 class="visually-hidden">{t('todayHeading')}</h2>
      <Tally today={today} />
      <CloseAction onClose={onClose} />
      {secondsLeft !== null && (
        <p class="hint" data-testid="done-closes-in">
          {t('doneClosesIn', [String(secondsLeft)])}
        </p>
      )}
    </main>
  );
}
