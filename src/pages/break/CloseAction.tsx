// The one button of the screens that end a break (nothing due, Done): Close, focused on arrival.
import { t } from '../../platform/i18n';
import { useFocusOnMount } from './focus';

export function CloseAction({ onClose }: { onClose: () => void }) {
  const close = useFocusOnMount<HTMLButtonElement>();
  return (
    <div class="actions">
      <button class="primary" ref={close} onClick={onClose}>
        {t('buttonClose')}
      </button>
    </div>
  );
}
