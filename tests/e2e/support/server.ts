// Serves fixed in-memory <!doctype html> test pages on 127.0.0.1 with an ephemeral port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './extension';

export const TEST_PAGES: Record<string, string> = {
  '/': `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Test article</title></head>
<body>
<main>
<article>
<h1>Test article</h1>
<p>This is a plain, readable article used by the end-to-end tests. It has a few paragraphs of text
so that the page looks like something a person would sit and read for a while.</p>
<p>Sit up straight, relax your shoulders, and look away from the screen every now and then.</p>
</article>
</main>
</body>
</html>
`,
  '/hostile': `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Hostile page</title>
<style>
* { display: none !important }
iframe { visibility: hidden !important }
</style>
</head>
<body>
<p>Hostile page body text: every element is hidden by the page's own styles.</p>
</body>
</html>
`,
};

/** A web page that frames whatever URL its query names (`/framer?src=…`): a page trying to use the break page. */
TEST_PAGES['/framer'] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Framer</title></head>
<body><p>A page that frames another.</p>
<script>
const frame = document.createElement('iframe');
frame.src = new URLSearchParams(location.search).get('src');
frame.style.cssText = 'width: 600px; height: 400px';
document.body.append(frame);
</script></body></html>
`;

/** Defines the element name the overlay used to use, to catch its closed shadow root through attachInternals(). */
TEST_PAGES['/claims-host'] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Claims the host</title>
<script>
customElements.define('unhunch-break-overlay', class extends HTMLElement {
  constructor() { super(); window.caught = this.attachInternals(); }
});
</script></head><body><p>This page defined our old element name before we came.</p></body></html>
`;

/** Evaluated in /claims-host: the break URL it caught through `attachInternals()`, and the shadow roots it can see. */
export function whatClaimsHostSaw(): { caught: string | null; roots: number } {
  const caught = (window as unknown as { caught?: ElementInternals }).caught;
  const roots = [...document.querySelectorAll('*')].filter((el) => el.shadowRoot !== null).length;
  return { caught: caught?.shadowRoot?.querySelector('iframe')?.src ?? null, roots };
}

/** Opens a full-viewport popover of its own (the top layer) when told, over whatever shows. */
TEST_PAGES['/popover-later'] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Popover later</title>
<style>#cover { inset: 0; width: 100vw; height: 100vh; margin: 0; border: 0; background: #222 }</style></head>
<body><p>A page that shows a popover later.</p><div id="cover" popover="manual">Cover</div></body></html>
`;

/** Opens a modal dialog of its own when told: everything outside it is inert. */
TEST_PAGES['/modal-later'] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Modal later</title></head>
<body><p>A page that opens a modal dialog later.</p><dialog id="modal"><p>Subscribe!</p></dialog></body></html>
`;

/** Busy in one long script for `ms` when told (`busyFor(ms)`), as a heavy web app can be. */
TEST_PAGES['/busy'] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Busy</title>
<script>
window.busyFor = (ms) => setTimeout(() => { const end = Date.now() + ms; while (Date.now() < end) {} }, 0);
</script></head><body><p>A page that can keep its thread busy.</p></body></html>
`;

/** A button the tests click through real input: `window.taps` counts the clicks that reach the page. */
const TAP_BUTTON = `<button id="tap" style="position: fixed; left: 40px; top: 120px; width: 160px; height: 60px">Tap</button>
<script>window.taps = 0; document.getElementById('tap').addEventListener('click', () => { window.taps += 1; });</script>`;

/** A cross-origin-isolated page (as apps using SharedArrayBuffer are): an extension frame without CORP fails to load in it. */
TEST_PAGES['/coep'] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cross-origin isolated</title></head>
<body><p>A page served with Cross-Origin-Embedder-Policy: require-corp.</p>${TAP_BUTTON}</body></html>
`;
TEST_PAGES['/coep-credentialless'] = TEST_PAGES['/coep'].replace('require-corp', 'credentialless');

/** Stops loading as soon as our element appears: the overlay's frame never loads. */
TEST_PAGES['/stops-loading'] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stops loading</title></head>
<body><p>A page that calls window.stop() when the overlay comes.</p>${TAP_BUTTON}
<script>
new MutationObserver(() => { if (document.querySelector('[data-unhunch-break]')) window.stop(); })
  .observe(document.documentElement, { childList: true, subtree: true });
</script></body></html>
`;

/**
 * Hides or covers our element without removing it, each when told (`window.attacks[name]()`): the proof of sight must
 * notice every one. The covers are opaque red and take every click.
 */
TEST_PAGES['/attacks'] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Attacks</title></head>
<body><p>A page that hides or covers the break without removing it.</p>${TAP_BUTTON}
<script>
// The host as it was when attacked: querySelector no longer finds it once in a shadow root.
const host = () => (window.attackedHost = document.querySelector('[data-unhunch-break]'));
const COVER = 'position: fixed; inset: 0; width: 100vw; height: 100vh; max-width: none; max-height: none; margin: 0; border: 0; padding: 0; background: #c00; z-index: 2147483647';
function shadowWith(html) {
  const holder = document.createElement('div');
  document.body.append(holder);
  const root = holder.attachShadow({ mode: 'closed' });
  root.innerHTML = html;
  return root;
}
window.attacks = {
  displayNoneAncestor() {
    const hidden = document.createElement('div');
    hidden.style.display = 'none';
    document.body.append(hidden);
    hidden.append(host());
  },
  intoShadowRoot() {
    const holder = document.createElement('div');
    document.body.append(holder);
    holder.attachShadow({ mode: 'closed' }).append(host());
  },
  pseudoElementCover() {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('[data-unhunch-break]::before, [data-unhunch-break]::after { content: "" !important; display: block !important; ' + COVER.replaceAll(';', ' !important;') + ' !important }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  },
  shadowPopover() {
    shadowWith('<div popover="manual" style="' + COVER + '">Cover</div>').firstElementChild.showPopover();
  },
  shadowModal() {
    shadowWith('<dialog style="' + COVER + '">Subscribe!</dialog>').firstElementChild.showModal();
  },
  // A view transition draws its pseudo-elements above everything, the top layer included; with
  // pointer-events: none on them, clicks pass through to what is below. The cover is a fake
  // "Continue" button, drawn for ten minutes, over a see-through rest: a click aimed at it lands
  // on whatever of the break lies beneath.
  seeThroughCover() {
    const fake = document.createElement('div');
    fake.textContent = 'Continue reading';
    fake.style.cssText = 'position: fixed; inset: 0; display: grid; place-items: center; font: 700 32px sans-serif; color: #fff; background: #c00; view-transition-name: unhunch-cover';
    const style = document.createElement('style');
    style.textContent = '::view-transition { pointer-events: none } ::view-transition-group(*), ::view-transition-old(*), ::view-transition-new(*) { animation-duration: 600s !important; animation-timing-function: steps(1, start) !important }';
    document.head.append(style);
    window.coverTransition = document.startViewTransition(() => document.body.append(fake));
  },
  // While its transition runs, the page takes no clicks either: the page ends it.
  endSeeThroughCover() {
    window.coverTransition?.skipTransition();
    document.querySelector('[style*="unhunch-cover"]')?.remove();
  },
  htmlHiddenByRule() {
    const style = document.createElement('style');
    style.textContent = 'html { display: none !important }';
    document.head.append(style);
  },
};
</script></body></html>
`;

/** Response headers per path, beyond the content type. */
export const TEST_PAGE_HEADERS: Record<string, Record<string, string>> = {
  '/coep': { 'cross-origin-embedder-policy': 'require-corp', 'cross-origin-opener-policy': 'same-origin' },
  '/coep-credentialless': { 'cross-origin-embedder-policy': 'credentialless', 'cross-origin-opener-policy': 'same-origin' },
};

/** Evaluated in /attacks: whether our element is gone from the page, wherever the attack put it. */
export function attackedHostGone(): boolean {
  const attacked = (window as unknown as { attackedHost?: Element | null }).attackedHost;
  return !attacked?.isConnected && document.querySelector('[data-unhunch-break]') === null;
}

/** How many clicks reached the page's Tap button (see TAP_BUTTON). */
export function tapsOnPage(): number {
  return (window as unknown as { taps: number }).taps;
}

/** What both harnesses' pages (Playwright's and Puppeteer's) offer for a real click and a look. */
interface ClickablePage {
  mouse: { click(x: number, y: number): Promise<unknown> };
  evaluate<T>(fn: () => T): Promise<T>;
}

/**
 * The tab is usable: a real click on the page's own Tap button reaches it. Once, in a CI run
 * beside two busy loops, the first click right after the break left the page was not seen (not
 * again in three loaded runs of the file); a second real click, as a person would make, is
 * allowed, and still proves nothing of ours covers the page.
 */
export async function clickTapButton(page: ClickablePage): Promise<void> {
  const before = await page.evaluate(tapsOnPage);
  for (let attempt = 1; ; attempt += 1) {
    await page.mouse.click(120, 150);
    try {
      await waitFor('the click to reach the page', async () => (await page.evaluate(tapsOnPage)) > before || null, 2_000);
      return;
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
}

export interface TestServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:12345 */
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(pages: Record<string, string> = TEST_PAGES, headers: Record<string, Record<string, string>> = TEST_PAGE_HEADERS): Promise<TestServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const body = pages[path];
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers[path] });
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
