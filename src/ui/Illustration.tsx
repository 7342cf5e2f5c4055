// An exercise's illustration, inlined so it follows the page's colours (it draws with currentColor).
import { useEffect, useRef } from 'preact/hooks';
import type { ExerciseId } from '../core/exercises';

const illustrations = import.meta.glob<string>('./illustrations/*.svg', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The SVG source of an exercise's illustration (every exercise has one: tests/unit/ui/illustrations.test.ts). */
export function illustrationOf(id: ExerciseId): string | undefined {
  return illustrations[`./illustrations/${id}.svg`];
}

/** The exercise ids the illustrations folder has files for. */
export function illustratedIds(): string[] {
  return Object.keys(illustrations).map((path) => path.replace(/^\.\/illustrations\/|\.svg$/g, ''));
}

/** Our own SVG files, parsed rather than set as HTML so nothing in them can run. */
export function Illustration({ id }: { id: ExerciseId }) {
  const host = useRef<HTMLDivElement>(null);
  const svg = illustrationOf(id);
  useEffect(() => {
    if (!svg) return;
    const root = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
    host.current?.replaceChildren(document.importNode(root, true));
  }, [svg]);
  return <div class="illustration" aria-hidden="true" ref={host} />;
}
