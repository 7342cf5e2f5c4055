// The step chime: two quiet sine partials with a short attack and a decay to silence, made and freed without failing the routine.
import { describe, expect, it } from 'vitest';
import { CHIME_ATTACK_S, CHIME_DECAY_S, CHIME_PARTIALS, createChime, type ChimeAudioContext } from '../../../src/ui/chime';

type Call = [method: string, ...args: unknown[]];

function fakeParam(log: Call[], name: string) {
  return {
    setValueAtTime: (v: number, t: number) => log.push([`${name}.set`, v, t]),
    linearRampToValueAtTime: (v: number, t: number) => log.push([`${name}.linear`, v, t]),
    exponentialRampToValueAtTime: (v: number, t: number) => log.push([`${name}.exp`, v, t]),
  };
}

class FakeAudioContext {
  currentTime = 10;
  state = 'running';
  destination = { name: 'destination' } as unknown as AudioNode;
  oscillators: { type: string; log: Call[] }[] = [];
  gains: Call[][] = [];
  resumed = 0;
  closed = 0;
  createOscillator() {
    const log: Call[] = [];
    const osc = {
      type: '',
      log,
      frequency: fakeParam(log, 'frequency'),
      connect: (node: unknown) => log.push(['connect', node]),
      start: (t: number) => log.push(['start', t]),
      stop: (t: number) => log.push(['stop', t]),
    };
    this.oscillators.push(osc);
    return osc as unknown as OscillatorNode;
  }
  createGain() {
    const log: Call[] = [];
    this.gains.push(log);
    return { gain: fakeParam(log, 'gain'), connect: (node: unknown) => log.push(['connect', node]) } as unknown as GainNode;
  }
  resume() {
    this.resumed++;
    return Promise.resolve();
  }
  close() {
    this.closed++;
    return Promise.resolve();
  }
}

describe('createChime', () => {
  it('plays one sine oscillator per partial, each through its own envelope to the speakers', () => {
    const ctx = new FakeAudioContext();
    createChime(() => ctx as unknown as ChimeAudioContext).play();
    expect(ctx.oscillators).toHaveLength(CHIME_PARTIALS.length);
    ctx.oscillators.forEach((osc, i) => {
      expect(osc.type).toBe('sine');
      expect(osc.log.find(([m]) => m === 'frequency.set')?.[1]).toBe(CHIME_PARTIALS[i]!.frequencyHz);
      expect(ctx.gains[i]!.some(([m, node]) => m === 'connect' && node === ctx.destination)).toBe(true);
    });
  });

  it('is soft and short: rises from silence, peaks at the partial gain, decays to near silence, then stops', () => {
    const ctx = new FakeAudioContext();
    createChime(() => ctx as unknown as ChimeAudioContext).play();
    CHIME_PARTIALS.forEach((partial, i) => {
      const gain = ctx.gains[i]!;
      const set = gain.find(([m]) => m === 'gain.set')!;
      const peak = gain.find(([m]) => m === 'gain.linear')!;
      const fade = gain.find(([m]) => m === 'gain.exp')!;
      expect(set[1]).toBeLessThan(0.001);
      expect(peak[1]).toBe(partial.gain);
      expect(partial.gain).toBeLessThanOrEqual(0.2);
      expect(peak[2] as number).toBeCloseTo((set[2] as number) + CHIME_ATTACK_S);
      expect(fade[1]).toBeLessThan(0.001);
      expect(fade[2] as number).toBeCloseTo((set[2] as number) + CHIME_ATTACK_S + CHIME_DECAY_S);
      const stopAt = ctx.oscillators[i]!.log.find(([m]) => m === 'stop')![1] as number;
      expect(stopAt).toBeGreaterThanOrEqual(fade[2] as number);
      expect(stopAt - ctx.currentTime).toBeLessThan(2);
    });
  });

  it('opens one audio context for many chimes, resumes it if the browser suspended it, and frees it on close', () => {
    const ctx = new FakeAudioContext();
    let made = 0;
    const chime = createChime(() => {
      made++;
      return ctx as unknown as ChimeAudioContext;
    });
    chime.play();
    ctx.state = 'suspended';
    chime.play();
    expect(made).toBe(1);
    expect(ctx.resumed).toBe(1);
    chime.close();
    expect(ctx.closed).toBe(1);
    chime.play();
    expect(made).toBe(2);
  });

  it('prime opens and resumes the context in the click, without a sound; the chimes after it reuse that context', () => {
    const ctx = new FakeAudioContext();
    ctx.state = 'suspended';
    let made = 0;
    const chime = createChime(() => {
      made++;
      return ctx as unknown as ChimeAudioContext;
    });
    chime.prime();
    expect(made).toBe(1);
    expect(ctx.resumed).toBe(1);
    expect(ctx.oscillators).toHaveLength(0);
    ctx.state = 'running';
    chime.play();
    expect(made).toBe(1);
    expect(ctx.oscillators).toHaveLength(CHIME_PARTIALS.length);
  });

  it('stays silent, without throwing, when there is no audio at all or the device fails', () => {
    expect(() => createChime(() => null).play()).not.toThrow();
    const broken = createChime(() => {
      throw new Error('no audio device');
    });
    expect(() => broken.prime()).not.toThrow();
    expect(() => broken.play()).not.toThrow();
    expect(() => broken.close()).not.toThrow();
  });
});
