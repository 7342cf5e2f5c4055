// Working hours: on/off, the days of the week, and the daily window (times as HH:MM, stored as minutes after midnight).
import { useMemo } from 'preact/hooks';
import type { SettingErrors, WorkingHours } from '../../core/rules/settings-schema';
import { weekOrder } from '../../core/rules/locale';
import { t, uiLocale } from '../../platform/i18n';
import { describedBy, FieldError } from './controls';


function toTimeValue(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function fromTimeValue(value: string): number | null {
  const match = /^(\d{2}):(\d{2})/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * Weekday names in the UI language, from Intl (1 Jan 2023 was a Sunday), and the days in the order
 * a week is read there: Monday first in Germany, Sunday first in the US, Brazil and Japan.
 * 0 = Sunday as in Date#getDay.
 */
function useWeek(): { names: string[]; order: number[] } {
  return useMemo(() => {
    const tag = uiLocale();
    const format = new Intl.DateTimeFormat(tag, { weekday: 'long' });
    return { names: Array.from({ length: 7 }, (_, day) => format.format(new Date(2023, 0, 1 + day))), order: weekOrder(tag) };
  }, []);
}

export function WorkingHoursEditor(props: {
  hours: WorkingHours;
  errors: SettingErrors;
  onChange: (patch: Partial<WorkingHours>) => void;
}) {
  const { hours, errors } = props;
  const { names, order } = useWeek();
  const daysError = errors['workingHours.days'];
  const startError = errors['workingHours.startMinute'];
  const endError = errors['workingHours.endMinute'];
  const toggleDay = (day: number, on: boolean) =>
    props.onChange({ days: on ? [...hours.days, day] : hours.days.filter((d) => d !== day) });
  const onTime = (which: 'startMinute' | 'endMinute', value: string) => {
    const minute = fromTimeValue(value);
    // An unfinished time (the browser reports '') is not a change yet.
    if (minute !== null) props.onChange({ [which]: minute });
  };
  return (
    <div class="working-hours" data-setting="workingHours">
      <div class="field switch-field">
        <input
          id="field-workingHours-enabled"
          type="checkbox"
          role="switch"
          checked={hours.enabled}
          aria-describedby="field-workingHours-enabled-hint"
          onChange={(event) => props.onChange({ enabled: event.currentTarget.checked })}
        />
        <label for="field-workingHours-enabled">{t('optWorkingHoursEnabled')}</label>
        <p id="field-workingHours-enabled-hint" class="hint">
          {t('optWorkingHoursHint')}
        </p>
      </div>
      <fieldset
        class="field days"
        aria-invalid={daysError ? 'true' : undefined}
        aria-describedby={describedBy(daysError && 'field-workingHours-days-error')}
      >
        <legend>{t('optWorkingHoursDays')}</legend>
        <div class="day-list">
          {order.map((day) => (
            <span class="day" key={day}>
              <input
                id={`field-workingHours-day-${day}`}
                type="checkbox"
                checked={hours.days.includes(day)}
                onChange={(event) => toggleDay(day, event.currentTarget.checked)}
              />
              <label for={`field-workingHours-day-${day}`}>{names[day]}</label>
            </span>
          ))}
        </div>
        <FieldError id="field-workingHours-days-error" error={daysError} />
      </fieldset>
      <div class="time-range">
        <div class="field">
          <label for="field-workingHours-start">{t('optWorkingHoursStart')}</label>
          <input
            id="field-workingHours-start"
            type="time"
            value={toTimeValue(hours.startMinute)}
            aria-invalid={startError ? 'true' : 'false'}
            aria-describedby={describedBy(startError && 'field-workingHours-start-error')}
            onChange={(event) => onTime('startMinute', event.currentTarget.value)}
          />
          <FieldError id="field-workingHours-start-error" error={startError} />
        </div>
        <div class="field">
          <label for="field-workingHours-end">{t('optWorkingHoursEnd')}</label>
          <input
            id="field-workingHours-end"
            type="time"
            value={toTimeValue(hours.endMinute)}
            aria-invalid={endError ? 'true' : 'false'}
            aria-describedby={describedBy('field-workingHours-end-hint', endError && 'field-workingHours-end-error')}
            onChange={(event) => onTime('endMinute', event.currentTarget.value)}
          />
          <p id="field-workingHours-end-hint" class="hint">
            {t('optWorkingHoursEndHint')}
          </p>
          <FieldError id="field-workingHours-end-error" error={endError} />
        </div>
      </div>
    </div>
  );
}
