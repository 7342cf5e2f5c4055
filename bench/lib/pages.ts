// Three local pages for the page-load figure, served on 127.0.0.1 (standards mode: <!doctype html>).

const paragraphs = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1}: sit tall, let the shoulders drop, and look away from the screen now and then.</p>`).join('\n');

export const LOAD_PAGES: Record<string, string> = {
  '/article': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Article</title>
<style>body { font: 16px/1.5 sans-serif; max-width: 40em; margin: 2em auto }</style></head>
<body><main><h1>An article</h1>
${paragraphs(60)}
</main></body></html>
`,
  '/form': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Form</title></head>
<body><form>
${Array.from({ length: 40 }, (_, i) => `<label>Field ${i + 1} <input name="f${i}" value="${i}"></label><br>`).join('\n')}
<button>Send</button></form></body></html>
`,
  '/app': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>App</title></head>
<body><ul id="list"></ul>
<script>
  const list = document.getElementById('list');
  for (let i = 0; i < 2000; i++) { const li = document.createElement('li'); li.textContent = 'Item ' + i; list.append(li); }
</script></body></html>
`,
  '/': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bench page</title></head>
<body><main><h1>Bench page</h1>${paragraphs(5)}</main></body></html>
`,
};

/** A tab whose title ticks once a second, like a chat's unread count or a timer. */
export const TICKING_TITLE_PATH = '/ticking';
LOAD_PAGES[TICKING_TITLE_PATH] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>(0) Chat</title></head>
<body><main><h1>Chat</h1><p>The title counts unread messages.</p></main>
<script>let unread = 0; setInterval(() => { document.title = '(' + ++unread + ') Chat'; }, 1000);</script></body></html>
`;

export const LOAD_PATHS = ['/article', '/form', '/app'] as const;
