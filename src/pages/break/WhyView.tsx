// "Why these stretches": the evidence behind the routine and the safety note (PRODUCT.md § Why these stretches).
import { useLayoutEffect } from 'preact/hooks';
import { t } from '../../platform/i18n';
import { useFocusOnMount } from './focus';

export function WhyView({ onBack }: { onBack: () => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  // Before the paint, so the Escape of someone who sees this screen is never lost.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);
  return (
    <main class="card why" aria-labelledby="why-heading">
      <h1 id="why-heading" tabIndex={-1} ref={heading}>
        {t('whyHeading')}
      </h1>
      <p>{t('whyPrevalence')}</p>
      <p>{t('whyCause')}</p>
      <p>{t('whyStudies')}</p>
      <p>{t('whyConsistency')}</p>
      <section class="safety" aria-labelledby="safety-heading">
        <h2 id="safety-heading">{t('safetyHeading')}</h2>
        <p>{t('safetyBody')}</p>
      </section>
      <div class="actions">
        <button class="primary" onClick={onBack}>
          {t('buttonBackToPrompt')}
        </button>
      </div>
    </main>
  );
}
