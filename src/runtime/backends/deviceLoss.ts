/**
 * A lost WebGPU device (driver reset, GPU process crash) leaves every later job of its worker
 * failing. The worker then stops with an uncaught error: the pool sees a dead worker
 * (src/compute/workerPool.ts), replaces it on the next backend and tries the job it held once more.
 * The job running when the device goes may fail first (a buffer read rejects): that failure is the
 * loss, not the job's, so the worker lets the job wait for the worker's end instead of reporting it.
 */
export interface LosableDevice {
  lost: Promise<{ reason: string; message: string }>;
}

export interface DeviceWatch {
  /** Whether the device is lost, or is lost within `ms` (a failure may arrive just before the loss). */
  lostWithin(ms: number): Promise<boolean>;
}

/** Once `device` is lost, raises an uncaught error (by default: thrown from a timer, out of any promise). */
export function dieWhenDeviceLost(
  device: LosableDevice | undefined,
  raise: (error: Error) => void = (error) => {
    setTimeout(() => {
      throw error;
    });
  },
): DeviceWatch {
  if (!device) return { lostWithin: async () => false };
  const lost = device.lost.then((info) => {
    raise(new Error(`WebGPU device lost (${info.reason}): ${info.message}`));
    return true;
  });
  return {
    lostWithin: (ms) =>
      Promise.race([lost, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]),
  };
}

/** A promise that never settles: what a job the device loss broke returns while its worker dies. */
export function untilWorkerEnds<T>(): Promise<T> {
  return new Promise<T>(() => {});
}
