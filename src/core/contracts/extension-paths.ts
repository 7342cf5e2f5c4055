// The extension's own pages and scripts, by their path in the package: the build keeps these paths, and everything that opens, frames or injects one names it from here.

export const BREAK_PAGE = 'src/pages/break/index.html';
export const POPUP_PAGE = 'src/pages/popup/index.html';
export const OPTIONS_PAGE = 'src/pages/options/index.html';
export const WELCOME_PAGE = 'src/pages/welcome/index.html';
/** The overlay script: built on its own into one self-contained file (build/overlay-script.ts), injected with `scripting.executeScript`. */
export const OVERLAY_SCRIPT = 'src/content/overlay.js';
/**
 * The user-origin stylesheet inserted into a tab while the break may show over it (public/overlay-user.css): the page's
 * styles can neither draw the overlay host's pseudo-elements nor hide, zoom or fade <html> and <body> under it.
 */
export const OVERLAY_USER_STYLES = 'overlay-user.css';
