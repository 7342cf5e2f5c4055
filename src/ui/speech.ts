// Spoken cues for the routine (speech synthesis): the step's title and side, in the browser's UI
// language, by a voice installed on this computer only. A network voice (Chrome's "Google …"
// voices, a cloud voice of the system) sends each cue's text to a server; Unhunch makes no
// network requests, so without a local voice for the language the cues stay unspoken.

/** The parts of `speechSynthesis` the cues use, so tests can hand in a fake. */
export interface CueSynth {
  getVoices(): SpeechSynthesisVoice[];
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
  /** Chrome lists its voices only some time after the page asks: `voiceschanged` says when. */
  addEventListener?(type: 'voiceschanged', listener: () => void): void;
}

export interface SpeechCues {
  /** Says `text`, cutting off whatever was still being said. */
  say(text: string): void;
  cancel(): void;
}

type VoiceInfo = Pick<SpeechSynthesisVoice, 'lang' | 'localService' | 'default'>;

const normaliseTag = (tag: string) => tag.replace(/_/g, '-').toLowerCase();

/**
 * The best local voice for a UI language such as "de" or "pt-BR": the exact language first,
 * then the same base language, the system default first among equals. Network voices are never
 * picked (no network requests is a promise of the product). Null if no local voice speaks it.
 */
export function pickVoice<V extends VoiceInfo>(voices: readonly V[], uiLanguage: string): V | null {
  const wanted = normaliseTag(uiLanguage);
  const base = wanted.split('-')[0];
  const score = (voice: V): number => {
    const lang = normaliseTag(voice.lang);
    const match = lang === wanted ? 4 : lang.split('-')[0] === base ? 2 : 0;
    if (match === 0 || !voice.localService) return 0;
    return match * 10 + (voice.default ? 1 : 0);
  };
  let best: V | null = null;
  let bestScore = 0;
  for (const voice of voices) {
    const s = score(voice);
    if (s > bestScore) {
      best = voice;
      bestScore = s;
    }
  }
  return best;
}

function defaultSynth(): CueSynth | null {
  return typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
}

function defaultUtterance(text: string): SpeechSynthesisUtterance {
  return new SpeechSynthesisUtterance(text);
}

export function createSpeechCues(
  uiLanguage: string,
  synth: CueSynth | null = defaultSynth(),
  makeUtterance: (text: string) => SpeechSynthesisUtterance = defaultUtterance,
): SpeechCues {
  /** A cue asked for before any local voice was listed: said if one turns up before the next cue. */
  let waiting: string | null = null;
  const speak = (text: string): void => {
    if (!synth) return;
    try {
      synth.cancel();
      // Voices load late in Chrome: look them up at each cue, not once.
      const voice = pickVoice(synth.getVoices(), uiLanguage);
      // Without a voice the engine picks its default, which may be a network one: say nothing.
      waiting = voice ? null : text;
      if (!voice) return;
      const utterance = makeUtterance(text);
      utterance.lang = uiLanguage;
      utterance.voice = voice;
      utterance.rate = 0.95;
      synth.speak(utterance);
    } catch {
      // No speech engine: the routine goes on silently.
    }
  };
  try {
    synth?.addEventListener?.('voiceschanged', () => {
      if (waiting !== null) speak(waiting);
    });
  } catch {
    // An engine without events: each cue looks the voices up anyway.
  }
  return {
    say: speak,
    cancel() {
      waiting = null;
      try {
        synth?.cancel();
      } catch {
        // Nothing was being said.
      }
    },
  };
}
