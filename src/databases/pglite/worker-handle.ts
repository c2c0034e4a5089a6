import { Worker } from 'node:worker_threads';
import type { BootData, ErrorFields, Request, WorkerMessage } from './protocol.js';

export interface Ready {
  port: number;
  serverVersion: string;
  bootMs: number;
}

/** How long stop() waits for the worker to close its socket before it terminates the thread anyway. */
const CLOSE_GRACE_MS = 500;
const TERMINATE_MS = 2_000;

/** A PostgreSQL error from the worker: the message plus SQLSTATE and friends, as `pg` gives them. */
export class PGliteError extends Error {
  override name = 'PGliteError';
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
  constructor(fields: ErrorFields) {
    super(fields.message);
    Object.assign(this, { ...fields, message: fields.message });
  }
}

/**
 * The main thread's end of the PGlite worker: requests by message, replies by id. The thread keeps the
 * process alive only while a request is pending, so a caller that forgets dispose() does not hang the CLI.
 */
export class PGliteWorker {
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private gone: Error | undefined;
  private stopping: Promise<void> | undefined;
  private readonly worker: Worker;

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type !== 'reply') return;
      const waiter = this.pending.get(m.id);
      if (!waiter) return;
      this.pending.delete(m.id);
      this.refIfPending();
      if (m.ok) waiter.resolve(m.value);
      else waiter.reject(new PGliteError(m.error));
    });
    const fail = (e: Error): void => {
      this.gone ??= e;
      for (const waiter of this.pending.values()) waiter.reject(this.gone);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the PGlite worker exited (code ${code})`)));
  }

  /** Spawns the worker and waits until its socket listens; terminates it on failure or after timeoutMs. */
  static async start(
    url: URL,
    data: BootData,
    timeoutMs: number,
  ): Promise<{ handle: PGliteWorker; ready: Promise<Ready> }> {
    const worker = new Worker(url, { workerData: data, stdout: true, stderr: true });
    // Whatever PGlite prints must never reach stdout, where the CLI may be writing JSON.
    worker.stdout.pipe(process.stderr);
    worker.stderr.pipe(process.stderr);
    const handle = new PGliteWorker(worker);
    const ready = new Promise<Ready>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`PGlite did not start within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const done = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (m: WorkerMessage): void => {
        if (m.type === 'ready') {
          done();
          handle.refIfPending();
          resolve({ port: m.port, serverVersion: m.serverVersion, bootMs: m.bootMs });
        } else if (m.type === 'failed') {
          done();
          reject(new Error(m.message));
        }
      };
      const onError = (e: Error): void => {
        done();
        reject(e);
      };
      const onExit = (code: number): void => {
        done();
        reject(new Error(`the PGlite worker exited during boot (code ${code})`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
    return { handle, ready };
  }

  request<T>(request: Request): Promise<T> {
    if (this.stopping) return Promise.reject(new Error('the embedded PostgreSQL was disposed'));
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.refIfPending();
      this.worker.postMessage({ ...request, id });
    });
  }

  /**
   * Asks the worker to close its socket (clients see the connection end), waits up to a second, then
   * terminates the thread whatever it is doing: a statement stuck in the WASM ends with it.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.worker.ref(); // hold the process until the thread is gone
      if (!this.gone) {
        const id = this.nextId++;
        const closed = new Promise<void>((resolve) => {
          this.pending.set(id, { resolve: () => resolve(), reject: () => resolve() });
          this.worker.postMessage({ op: 'close', id });
        });
        await Promise.race([closed, delay(CLOSE_GRACE_MS)]);
      }
      await Promise.race([this.worker.terminate(), delay(TERMINATE_MS)]);
      this.worker.unref();
      this.gone ??= new Error('the embedded PostgreSQL was disposed');
      for (const waiter of this.pending.values()) waiter.reject(this.gone);
      this.pending.clear();
    })();
    return this.stopping;
  }

  private refIfPending(): void {
    if (this.pending.size > 0 || this.stopping) this.worker.ref();
    else this.worker.unref();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
