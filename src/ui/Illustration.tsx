// An exercise's illustration, inlined so it follows the page's colours (it draws with currentColor).
import { useEffect, useRef } from 'preact/hooks';
import type { ExerciseId, ExerciseVariant } from '../core/rules/exercises';
import type { Side } from '../core/rules/routines';

const illustrations = import.meta.glob<string>('./illustrations/*.svg', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/**
 * The SVG source of an exercise's illustration: `<id>-<variant>.svg` where a variant has a drawing
 * of its own (thoracic extension on the floor), else `<id>.svg` (every exercise has one:
 * tests/unit/ui/illustrations.test.ts).
 */
export function illustrationOf(id: ExerciseId, variant?: ExerciseVariant): string | undefined {
  return (variant === undefined ? undefined : illustrations[`./illustrations/${id}-${variant}.svg`]) ?? illustrations[`./illustrations/${id}.svg`];
}

/** The file names (without .svg) the illustrations folder has. */
export function illustratedIds(): string[] {
  return Object.keys(illustrations).map((path) => path.replace(/^\.\/illustrations\/|\.svg$/g, ''));
}

/** What a step shows: its drawing, mirrored for the right side (each drawing shows the left side of a sided exercise). */
export function drawingOf(id: ExerciseId, variant?: ExerciseVariant, side?: Side | null): { svg: string | undefined; mirrored: boolean } {
  return { svg: illustrationOf(id, variant), mirrored: side === 'right' };
}

/** Our own SVG files, parsed rather than set as HTML so nothing in them can run. */
export function Illustration({ id, variant, side }: { id: ExerciseId; variant?: ExerciseVariant; side?: Side | null }) {
  const host = useRef<HTMLDivElement>(null);
  const { svg, mirrored } = drawingOf(id, variant, side);
  useEffect(() => {
    if (!svg) return;
    const root = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
    host.current?.replaceChildren(document.importNode(root, true));
  }, [svg]);
  return (
    <div
      class="illustration"
      aria-hidden="true"
      ref={host}
      data-drawing={`${illustratedName(id, variant)}${mirrored ? ' mirrored' : ''}`}
      style={mirrored ? { transform: 'scaleX(-1)' } : undefined}
    />
  );
}

/** The file name the drawing comes from, for tests that check what is on screen. */
function illustratedName(id: ExerciseId, variant?: ExerciseVariant): string {
  return variant !== undefined && illustrations[`./illustrations/${id}-${variant}.svg`] ? `${id}-${variant}` : id;
}
