// Spoken cues: a voice in the UI language (local first), one cue at a time, silence on cancel, and no failure without speech.
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

  it('falls back to the same base language, local voices before network ones', () => {
    expect(pickVoice(voices, 'es-MX')?.name).toBe('es-ES');
    expect(pickVoice([voice('remote', 'de-DE', false), voice('local', 'de-CH')], 'de')?.name).toBe('local');
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

  it('picks up voices that load after the first cue', () => {
    const synth = new FakeSynth();
    const cues = createSpeechCues('de-DE', synth, makeUtterance);
    cues.say('Seiten wechseln');
    expect(synth.spoken[0]!.voice).toBeNull();
    synth.voices = [voice('de', 'de-DE')];
    cues.say('Seiten wechseln');
    expect(synth.spoken[1]!.voice?.name).toBe('de');
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
