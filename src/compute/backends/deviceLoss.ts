/**
 * A lost WebGPU device (driver reset, GPU process crash) leaves every later job of its worker
 * failing. The worker then stops with an uncaught error: the pool sees a dead worker
 * (src/compute/workerPool.ts), replaces it on the next backend and tries the job it held once more.
 */
export interface LosableDevice {
  lost: Promise<{ reason: string; message: string }>;
}

/** Once `device` is lost, raises an uncaught error (by default: thrown from a timer, out of any promise). */
export function dieWhenDeviceLost(
  device: LosableDevice | undefined,
  raise: (error: Error) => void = (error) => {
    setTimeout(() => {
      throw error;
    });
  },
): void {
  void device?.lost.then((info) => raise(new Error(`WebGPU device lost (${info.reason}): ${info.message}`)));
}
