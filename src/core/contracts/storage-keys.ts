// Every key Unhunch keeps in storage, each beside the reader that checks what is found under it.
//
// What is stored may be missing, old or corrupt (a crash mid-write, another version, a person
// with the devtools open): every reader named below returns something safe for anything at all.
// (The readers stay in their own modules, so a page that needs a key name loads no scheduler.)

// --- storage.local: live state and history (the background writes, the pages read) ---

/** The scheduler's state: `readScheduleState`. */
export const SCHEDULE_KEY = 'schedule';
/** Per-day tallies, a year of them: `readHistory`. */
export const HISTORY_KEY = 'history';
/** The timing in force, kept for the pages so they need not re-derive it: `readTiming`. */
export const TIMING_KEY = 'timing';
/** Where the pending break shows, so a later wake-up can close or move it: `readPresentation`. */
export const PRESENTATION_KEY = 'presentation';
/** The test-only clock, honoured for development installs only: `readDevOverrides`. */
export const DEV_OVERRIDES_KEY = 'devOverrides';
/** The extension's version when its background last started: a new one is an update, not a browser start. */
export const RUNNING_VERSION_KEY = 'runningVersion';
/** True while "Recognise web meetings" is on (the background also needs the sites granted): `readMeetingsOptIn`. */
export const MEETINGS_OPT_IN_KEY = 'recogniseMeetings';
/** Development installs count what woke the background here, for `npm run bench`. */
export const DIAGNOSTICS_KEY = 'diagnostics';

// --- storage.sync: the settings, which follow the user's browser profile ---

/** `{ version, ...settings }`: `readSettings`. */
export const SETTINGS_KEY = 'settings';

// --- storage.session: lives exactly as long as the browser runs ---

/** Set at the first start of the background in a browser session. */
export const BROWSER_SESSION_KEY = 'browserSessionSeen';

// --- The extension's localStorage: synchronous, for hints read before anything else ---

/** The theme a page last applied, so the next page opens in it without a flash. */
export const LAST_THEME_KEY = 'unhunch:theme';
/** What the popup last showed, painted before its storage read. */
export const POPUP_LAST_KNOWN_KEY = 'unhunch:popup-last-known';
/** Firefox's event page: whether a break waits in a notification (then its listeners are added at start-up). */
export const RETURN_HINT_KEY = 'listenForReturn';
/** Firefox's event page: whether the heads-up shows its "I'm in a call" button (then its listener is added at start-up). */
export const HEADS_UP_HINT_KEY = 'headsUpButton';
