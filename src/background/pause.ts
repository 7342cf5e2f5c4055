// A short pause inside a running handler of the background.

/** A pause of a second or less inside a running handler, for the browser to settle (a tab closing, a page reconnecting). */
export function pause(ms: number): Promise<void> {
  // eslint-disable-next-line no-restricted-globals -- nothing here outlives the worker
  return new Promise((resolve) => setTimeout(resolve, ms));
}
