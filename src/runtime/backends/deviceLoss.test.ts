import { describe, expect, it } from 'vitest';
import { dieWhenDeviceLost } from './deviceLoss';

describe('a lost WebGPU device', () => {
  it('raises an error naming the reason once the device is lost, and nothing before', async () => {
    let lose: (info: { reason: string; message: string }) => void = () => {};
    const lost = new Promise<{ reason: string; message: string }>((resolve) => {
      lose = resolve;
    });
    const raised: Error[] = [];
    dieWhenDeviceLost({ lost }, (e) => raised.push(e));
    await Promise.resolve();
    expect(raised).toEqual([]);
    lose({ reason: 'destroyed', message: 'Device was destroyed.' });
    await lost;
    await Promise.resolve();
    expect(raised.map((e) => e.message)).toEqual(['WebGPU device lost (destroyed): Device was destroyed.']);
  });

  it('does nothing without a device (WASM and CPU backends)', () => {
    expect(() => dieWhenDeviceLost(undefined, () => expect.unreachable())).not.toThrow();
  });
});

describe('a job that failed around the loss', () => {
  it('is told apart from one that failed on a live device', async () => {
    let lose: (info: { reason: string; message: string }) => void = () => {};
    const lost = new Promise<{ reason: string; message: string }>((resolve) => {
      lose = resolve;
    });
    const watch = dieWhenDeviceLost({ lost }, () => {});
    expect(await watch.lostWithin(5)).toBe(false);
    // The job's read rejects first, the device reports its loss a moment later.
    const asked = watch.lostWithin(1_000);
    setTimeout(() => lose({ reason: 'destroyed', message: '' }), 10);
    expect(await asked).toBe(true);
    expect(await watch.lostWithin(0)).toBe(true);
  });

  it('is never a loss without a device', async () => {
    expect(await dieWhenDeviceLost(undefined).lostWithin(0)).toBe(false);
  });
});
