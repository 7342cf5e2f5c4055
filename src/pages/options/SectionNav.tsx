// The options page's sections as links to jump to (beside the settings on wide windows, above them on narrow ones);
// the section being read is marked with aria-current as the page scrolls.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../../core/contracts/message-keys';
import { t } from '../../platform/i18n';

export interface NavSection {
  /** The section element's id, the link's target. */
  id: string;
  headingKey: MessageKey;
}

/**
 * Where a person reads: a band 30 % down the viewport (below the sticky header), 1 % tall. The section that
 * crosses it is the current one; while the band lies in the gap between two sections, the last one stays.
 */
const READING_BAND = '-30% 0px -69% 0px';

/** Input that scrolls the page by the person's own hand (a wheel, a touch, a key, the scroll bar). */
const OWN_SCROLL_EVENTS = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

function useCurrentSection(ids: readonly string[]): { current: string | undefined; jumpTo: (id: string) => void } {
  const [current, setCurrent] = useState<string | undefined>(ids[0]);
  /**
   * The section a link just jumped to. A short section at the end never reaches the band (the page ends first),
   * so after a jump the link's section stays marked until the person scrolls on their own.
   */
  const jumpedTo = useRef<string | null>(null);
  const key = ids.join(' ');

  useEffect(() => {
    const inBand = new Set<string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) inBand.add(entry.target.id);
          else inBand.delete(entry.target.id);
        }
        const reading = ids.find((id) => inBand.has(id));
        if (reading && !jumpedTo.current) setCurrent(reading);
      },
      { rootMargin: READING_BAND },
    );
    for (const id of ids) {
      const section = document.getElementById(id);
      if (section) observer.observe(section);
    }
    const release = () => {
      jumpedTo.current = null;
    };
    for (const type of OWN_SCROLL_EVENTS) addEventListener(type, release, { capture: true, passive: true });
    return () => {
      observer.disconnect();
      for (const type of OWN_SCROLL_EVENTS) removeEventListener(type, release, { capture: true });
    };
    // Keyed by the ids' content, not the array's identity (a new array each render).
  }, [key]);

  return {
    current,
    jumpTo: (id) => {
      jumpedTo.current = id;
      setCurrent(id);
    },
  };
}

/** `shown`: the sections the settings filter leaves (null: all). */
export function SectionNav(props: { sections: readonly NavSection[]; shown: ReadonlySet<string> | null }) {
  const { sections, shown } = props;
  const { current, jumpTo } = useCurrentSection(sections.map((section) => section.id));
  return (
    <nav class="section-nav" aria-label={t('optSectionsNav')} hidden={shown?.size === 0}>
      <ul>
        {sections.map((section) => (
          <li key={section.id} hidden={shown ? !shown.has(section.id) : false}>
            <a href={`#${section.id}`} aria-current={current === section.id ? 'location' : undefined} onClick={() => jumpTo(section.id)}>
              {t(section.headingKey)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
