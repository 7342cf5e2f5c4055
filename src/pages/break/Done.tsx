// The Done screen: the routine ran to its end; today's tally and a Close button.
import type { DayTally } from '../../core/history';
import { t } from '../../platform/i18n';
import { Tally } from '../../ui/Tally';
import { CloseAction } from './CloseAction';

export function Done({ today, onClose }: { today: DayTally; onClose: () => void }) {
  return (
    <main class="card" aria-labelledby="done-heading" aria-describedby="done-body">
      <h1 id="done-heading">{t('doneHeading')}</h1>
      <p id="done-body">{t('doneBody')}</p>
      <h2 class="visually-hidden">{t('todayHeading')}</h2>
      <Tally today={today} />
      <CloseAction onClose={onClose} />
    </main>
  );
}
