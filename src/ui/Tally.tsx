// Today's tally, as shown on the Done screen and in the toolbar popup.
import type { DayTally } from '../core/rules/history';
import { formatDuration } from './format';
import { formatCount, t } from '../platform/i18n';
import './tally.css';

export function Tally({ today, withActive = false }: { today: DayTally; withActive?: boolean }) {
  return (
    <dl class="tally" aria-label={t('todayHeading')}>
      {withActive && (
        <div>
          <dt>{t('tallyActive')}</dt>
          <dd data-testid="tally-active">{formatDuration(today.activeMs)}</dd>
        </div>
      )}
      <div>
        <dt>{t('tallyCompleted')}</dt>
        <dd data-testid="tally-completed">{formatCount(today.completed)}</dd>
      </div>
      <div>
        <dt>{t('tallySnoozed')}</dt>
        <dd data-testid="tally-snoozed">{formatCount(today.snoozed)}</dd>
      </div>
      <div>
        <dt>{t('tallySkipped')}</dt>
        <dd data-testid="tally-skipped">{formatCount(today.skipped)}</dd>
      </div>
      {withActive && (
        <div>
          <dt>{t('tallyNatural')}</dt>
          <dd data-testid="tally-natural">{formatCount(today.natural)}</dd>
        </div>
      )}
    </dl>
  );
}
