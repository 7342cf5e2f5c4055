// The soft chime at each step of the routine: two sine partials under a short envelope, made with Web Audio (no sound files).

/** The parts of an AudioContext the chime uses, so tests can hand in a fake. */
export interface ChimeAudioContext {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: AudioNode;
  createOscillator(): OscillatorNode;
  createGain(): GainNode;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export interface Chime {
  /**
   * Opens the audio context without a sound. Call it in a click handler: browsers let a page
   * start audio only after a user gesture, and the first chime comes after an await.
   */
  prime(): void;
  play(): void;
  /** Frees the audio device; a later `play` opens a new context. */
  close(): void;
}

/** A fundamental and a quieter fifth above it: warm, not a beep. */
export const CHIME_PARTIALS: readonly { frequencyHz: number; gain: number }[] = [
  { frequencyHz: 659.25, gain: 0.12 },
  { frequencyHz: 988.0, gain: 0.05 },
];
export const CHIME_ATTACK_S = 0.02;
export const CHIME_DECAY_S = 1.1;
/** Exponential ramps cannot reach 0. */
const SILENT = 0.0001;

function defaultContext(): ChimeAudioContext | null {
  const Ctor = globalThis.AudioContext as (new () => ChimeAudioContext) | undefined;
  return Ctor ? new Ctor() : null;
}

export function createChime(makeContext: () => ChimeAudioContext | null = defaultContext): Chime {
  let context: ChimeAudioContext | null = null;
  const open = (): ChimeAudioContext | null => {
    context ??= makeContext();
    // Without a recent click the context starts suspended; resuming may still be refused.
    if (context?.state === 'suspended') context.resume().catch(() => undefined);
    return context;
  };
  return {
    prime() {
      try {
        open();
      } catch {
        // No audio device: the routine stays silent.
      }
    },
    play() {
      try {
        const context = open();
        if (!context) return;
        const start = context.currentTime + 0.01;
        const end = start + CHIME_ATTACK_S + CHIME_DECAY_S;
        for (const partial of CHIME_PARTIALS) {
          const oscillator = context.createOscillator();
          oscillator.type = 'sine';
          oscillator.frequency.setValueAtTime(partial.frequencyHz, start);
          const envelope = context.createGain();
          envelope.gain.setValueAtTime(SILENT, start);
          envelope.gain.linearRampToValueAtTime(partial.gain, start + CHIME_ATTACK_S);
          envelope.gain.exponentialRampToValueAtTime(SILENT, end);
          oscillator.connect(envelope);
          envelope.connect(context.destination);
          oscillator.start(start);
          oscillator.stop(end + 0.05);
        }
      } catch {
        // A chime is a nicety: no audio device must never break the routine.
      }
    },
    close() {
      const closing = context;
      context = null;
      closing?.close().catch(() => undefined);
    },
  };
}
