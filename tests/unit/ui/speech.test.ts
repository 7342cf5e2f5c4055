// Spoken cues: a local voice in the UI language or none, one cue at a time, silence on cancel, and no failure without speech.
import { describe, expect, it } from 'vitest';
import { createSpeechCues, pickVoice, type CueSynth } from '../../../src/ui/speech';

interface FakeVoice {
  name: string;
  lang: string;
  localService: boolean;
  default: boolean;
}
const voice = (name: string, lang: string, localService = true, isDefault = false): FakeVoice => ({
  name,
  lang,
  localService,
  default: isDefault,
});

describe('pickVoice', () => {
  const voices = [
    voice('en-US', 'en-US', true, true),
    voice('de-AT', 'de-AT'),
    voice('de-DE remote', 'de-DE', false),
    voice('de-DE', 'de_DE'),
    voice('es-ES', 'es-ES'),
  ];

  it('prefers the exact language and region, ignoring case and _ vs -', () => {
    expect(pickVoice(voices, 'de-DE')?.name).toBe('de-DE');
    expect(pickVoice(voices, 'de_de')?.name).toBe('de-DE');
  });

  it('falls back to the same base language, and a local voice of it beats a network voice of the exact one', () => {
    expect(pickVoice(voices, 'es-MX')?.name).toBe('es-ES');
    expect(pickVoice([voice('remote', 'de-DE', false), voice('local', 'de-CH')], 'de-DE')?.name).toBe('local');
  });

  it('never picks a network voice, even the only one or the default', () => {
    expect(pickVoice([voice('Google Deutsch', 'de-DE', false, true)], 'de-DE')).toBeNull();
    expect(pickVoice([voice('cloud', 'en-US', false, true), voice('local', 'fr-FR')], 'en')).toBeNull();
  });

  it('prefers the default voice among equals, and gives null when nothing speaks the language', () => {
    expect(pickVoice([voice('a', 'en-GB'), voice('b', 'en-GB', true, true)], 'en-GB')?.name).toBe('b');
    expect(pickVoice(voices, 'fr')).toBeNull();
    expect(pickVoice([], 'en')).toBeNull();
  });
});

class FakeSynth implements CueSynth {
  voices: FakeVoice[] = [];
  spoken: { text: string; lang: string; voice: FakeVoice | null }[] = [];
  cancels = 0;
  private listeners: (() => void)[] = [];
  addEventListener(_type: 'voiceschanged', listener: () => void) {
    this.listeners.push(listener);
  }
  voicesChanged() {
    for (const listener of this.listeners) listener();
  }
  getVoices() {
    return this.voices as unknown as SpeechSynthesisVoice[];
  }
  speak(utterance: SpeechSynthesisUtterance) {
    this.spoken.push(utterance as unknown as { text: string; lang: string; voice: FakeVoice | null });
  }
  cancel() {
    this.cancels++;
  }
}

const makeUtterance = (text: string) => ({ text, lang: '', voice: null, rate: 1 }) as unknown as SpeechSynthesisUtterance;

describe('createSpeechCues', () => {
  it('says the text in the UI language with a matching voice, cutting off the previous cue first', () => {
    const synth = new FakeSynth();
    synth.voices = [voice('en', 'en-US'), voice('es', 'es-ES')];
    const cues = createSpeechCues('es', synth, makeUtterance);
    cues.say('Estiramiento de hombro (lado derecho)');
    expect(synth.cancels).toBe(1);
    expect(synth.spoken).toHaveLength(1);
    expect(synth.spoken[0]).toMatchObject({ text: 'Estiramiento de hombro (lado derecho)', lang: 'es' });
    expect(synth.spoken[0]!.voice?.name).toBe('es');
  });

  it('says nothing without a local voice for the language: the engine default may be a network voice', () => {
    const synth = new FakeSynth();
    synth.voices = [voice('Google UK English', 'en-GB', false, true), voice('de', 'de-DE')];
    const cues = createSpeechCues('en-GB', synth, makeUtterance);
    cues.say('Switch sides');
    expect(synth.spoken).toEqual([]);
  });

  it('picks up voices that load after the first cue, and says a cue still waiting when they come', () => {
    const synth = new FakeSynth();
    const cues = createSpeechCues('de-DE', synth, makeUtterance);
    cues.say('Seiten wechseln');
    expect(synth.spoken).toEqual([]);
    synth.voices = [voice('de', 'de-DE')];
    synth.voicesChanged();
    expect(synth.spoken.map((u) => [u.text, u.voice?.name])).toEqual([['Seiten wechseln', 'de']]);
    cues.say('Nackendehnung');
    expect(synth.spoken[1]!.voice?.name).toBe('de');
    // Once said, a late list of voices repeats nothing.
    synth.voicesChanged();
    expect(synth.spoken).toHaveLength(2);
  });

  it('a cue cancelled before any voice came is not said later', () => {
    const synth = new FakeSynth();
    const cues = createSpeechCues('en', synth, makeUtterance);
    cues.say('Switch sides');
    cues.cancel();
    synth.voices = [voice('en', 'en-US')];
    synth.voicesChanged();
    expect(synth.spoken).toEqual([]);
  });

  it('cancel silences the synthesizer', () => {
    const synth = new FakeSynth();
    createSpeechCues('en', synth, makeUtterance).cancel();
    expect(synth.cancels).toBe(1);
  });

  it('does nothing, and never throws, without speech synthesis or when the engine fails', () => {
    const none = createSpeechCues('en', null, makeUtterance);
    expect(() => none.say('Switch sides')).not.toThrow();
    expect(() => none.cancel()).not.toThrow();
    const failing: CueSynth = {
      getVoices: () => [],
      speak: () => {
        throw new Error('engine gone');
      },
      cancel: () => {
        throw new Error('engine gone');
      },
    };
    const cues = createSpeechCues('en', failing, makeUtterance);
    expect(() => cues.say('Switch sides')).not.toThrow();
    expect(() => cues.cancel()).not.toThrow();
  });
});
