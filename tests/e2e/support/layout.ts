// Layout checks for the e2e tests: text that doesn't fit its box (a label too long for its language, a button cut off).
//
// `findOverflowingText(page)` works with anything that can evaluate a function in a page: a Playwright Page or
// Frame (Chromium, the overlay's frame) or a Puppeteer Page (Firefox). It returns the offenders; a test expects [].

/** Text-bearing elements whose box must hold their text: buttons, headings, labels, legends, links. */
export const TEXT_BOXES = 'button, h1, h2, h3, h4, h5, h6, label, legend, summary, a, [role="button"], [role="switch"]';

export interface OverflowingText {
  /** Tag, id and classes, e.g. `button#export-settings.danger`. */
  element: string;
  /** Its text, shortened. */
  text: string;
  /** What is wrong: its content overflows its own box, an ancestor with overflow hidden cuts it, or it sticks out of the window. */
  reason: 'overflows its box' | 'clipped by an ancestor' | 'beyond the window';
  /** The clipping ancestor, when there is one. */
  clippedBy?: string;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  /** Its border box in the viewport, px. */
  box: { left: number; top: number; right: number; bottom: number };
}

/** Something that runs a function in a page and hands back its result: Playwright's Page and Frame, Puppeteer's Page. */
export interface EvaluatesInPage {
  evaluate(fn: (selector: string) => OverflowingText[], selector: string): Promise<unknown>;
}

/**
 * Evaluated in the page: every visible element matching `selector` whose text overflows its box
 * (scrollWidth > clientWidth or scrollHeight > clientHeight, 1 px rounding allowed), is cut off by
 * an ancestor with overflow hidden or clip, or reaches past the window's width. Visually hidden text
 * (the 1 px clip pattern for screen readers) is skipped: it is meant to be cut.
 * Self-contained (it runs in the page): no helpers from outside, no named inner functions.
 */
export function overflowingTextInPage(selector: string): OverflowingText[] {
  const slack = 1;
  const found: OverflowingText[] = [];
  const describe = (element: Element) =>
    element.tagName.toLowerCase() + (element.id ? `#${element.id}` : '') + [...element.classList].map((name) => `.${name}`).join('');
  const viewportWidth = document.documentElement.clientWidth;
  for (const element of document.querySelectorAll<HTMLElement>(selector)) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue; // not rendered (display: none, or inside something hidden)
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible') continue;
    let visuallyHidden = false;
    for (let node: HTMLElement | null = element; node; node = node.parentElement) {
      const nodeStyle = getComputedStyle(node);
      const nodeRect = node.getBoundingClientRect();
      if ((nodeStyle.clip !== 'auto' && nodeStyle.clip !== '') || (nodeRect.width <= 1 && nodeRect.height <= 1)) visuallyHidden = true;
    }
    if (visuallyHidden) continue;
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
    const sizes = {
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
      scrollHeight: element.scrollHeight,
      clientHeight: element.clientHeight,
      box: { left: Math.round(rect.left), top: Math.round(rect.top), right: Math.round(rect.right), bottom: Math.round(rect.bottom) },
    };
    // An inline box has no client size: its text can't overflow it, only its container (checked below).
    const inline = style.display === 'inline';
    if (!inline && (element.scrollWidth > element.clientWidth + slack || element.scrollHeight > element.clientHeight + slack)) {
      found.push({ element: describe(element), text, reason: 'overflows its box', ...sizes });
      continue;
    }
    let clippedBy: Element | null = null;
    for (let ancestor = element.parentElement; ancestor && ancestor !== document.documentElement; ancestor = ancestor.parentElement) {
      const ancestorStyle = getComputedStyle(ancestor);
      const clipsX = ancestorStyle.overflowX === 'hidden' || ancestorStyle.overflowX === 'clip';
      const clipsY = ancestorStyle.overflowY === 'hidden' || ancestorStyle.overflowY === 'clip';
      if (!clipsX && !clipsY) continue;
      const outer = ancestor.getBoundingClientRect();
      const left = outer.left + ancestor.clientLeft;
      const top = outer.top + ancestor.clientTop;
      const cutX = clipsX && (rect.left < left - slack || rect.right > left + ancestor.clientWidth + slack);
      const cutY = clipsY && (rect.top < top - slack || rect.bottom > top + ancestor.clientHeight + slack);
      if (cutX || cutY) {
        clippedBy = ancestor;
        break;
      }
    }
    if (clippedBy) {
      found.push({ element: describe(element), text, reason: 'clipped by an ancestor', clippedBy: describe(clippedBy), ...sizes });
      continue;
    }
    if (rect.left < -slack || rect.right > viewportWidth + slack) found.push({ element: describe(element), text, reason: 'beyond the window', ...sizes });
  }
  return found;
}

/** The text boxes in `page` that overflow, are clipped or stick out of the window; [] when the layout holds. */
export async function findOverflowingText(page: EvaluatesInPage, selector: string = TEXT_BOXES): Promise<OverflowingText[]> {
  return (await page.evaluate(overflowingTextInPage, selector)) as OverflowingText[];
}

/** One line per offender, for a test's failure message. */
export function describeOverflow(offenders: readonly OverflowingText[]): string {
  return offenders
    .map((o) => `${o.element} "${o.text}": ${o.reason}${o.clippedBy ? ` (${o.clippedBy})` : ''}, scroll ${o.scrollWidth}×${o.scrollHeight} in client ${o.clientWidth}×${o.clientHeight}`)
    .join('\n');
}

/**
 * Evaluated in the page: whether the break card is cut off at this viewport. Its box must lie within
 * the viewport, and scrolling it to its end must bring its last line into its box. Null when nothing
 * is cut; otherwise what is. Self-contained (it runs in the page).
 */
export function breakCardClippingInPage(): string | null {
  const card = document.querySelector<HTMLElement>('main.card')!;
  const box = card.getBoundingClientRect();
  if (box.top < -0.5 || box.bottom > window.innerHeight + 0.5) return `the card runs from ${box.top} to ${box.bottom} in a ${window.innerHeight} px viewport`;
  const lines = [...card.children].filter((el) => !el.classList.contains('visually-hidden'));
  card.scrollTop = card.scrollHeight;
  const last = lines[lines.length - 1]!.getBoundingClientRect();
  const scrolled = card.getBoundingClientRect();
  card.scrollTop = 0;
  return last.bottom <= scrolled.bottom + 0.5 ? null : `its last line ends at ${last.bottom}, below the card's ${scrolled.bottom}, even scrolled to the end`;
}
