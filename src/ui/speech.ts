// Spoken cues for the routine (speech synthesis): the step's title and side, in the browser's UI language.

/** The parts of `speechSynthesis` the cues use, so tests can hand in a fake. */
export interface CueSynth {
  getVoices(): SpeechSynthesisVoice[];
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
}

export interface SpeechCues {
  /** Says `text`, cutting off whatever was still being said. */
  say(text: string): void;
  cancel(): void;
}

type VoiceInfo = Pick<SpeechSynthesisVoice, 'lang' | 'localService' | 'default'>;

const normaliseTag = (tag: string) => tag.replace(/_/g, '-').toLowerCase();

/**
 * The best voice for a UI language such as "de" or "pt-BR": the exact language first, then
 * the same base language; local voices before network ones (no network requests is a
 * promise of the product), the system default first among equals. Null if none speaks it.
 */
export function pickVoice<V extends VoiceInfo>(voices: readonly V[], uiLanguage: string): V | null {
  const wanted = normaliseTag(uiLanguage);
  const base = wanted.split('-')[0];
  const score = (voice: V): number => {
    const lang = normaliseTag(voice.lang);
    const match = lang === wanted ? 4 : lang.split('-')[0] === base ? 2 : 0;
    if (match === 0) return 0;
    return match * 10 + (voice.localService ? 2 : 0) + (voice.default ? 1 : 0);
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
  return {
    say(text) {
      if (!synth) return;
      try {
        synth.cancel();
        const utterance = makeUtterance(text);
        utterance.lang = uiLanguage;
        // Voices load late in Chrome: look them up at each cue, not once.
        const voice = pickVoice(synth.getVoices(), uiLanguage);
        if (voice) utterance.voice = voice;
        utterance.rate = 0.95;
        synth.speak(utterance);
      } catch {
        // No speech engine: the routine goes on silently.
      }
    },
    cancel() {
      try {
        synth?.cancel();
      } catch {
        // Nothing was being said.
      }
    },
  };
}
