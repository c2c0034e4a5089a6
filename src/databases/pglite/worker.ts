/**
 * The PGlite worker thread: PostgreSQL in WASM and the socket Python connects to. It runs off the main
 * thread because a statement inside the WASM blocks its thread until it ends (statement_timeout does not
 * fire there), and the main thread's timeouts and signal handling must keep running.
 *
 * Node runs this file directly from the sources (vitest, type stripping), so its own relative imports name
 * the .ts files; the build bundles it into dist/pglite/worker.js beside PGlite's WASM and data files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { basename } from 'node:path';
import { PGlite, type Extension } from '@electric-sql/pglite';
import { SocketFront } from './socket-front.ts';
import { readTarball, writeTarball } from './datadir.ts';
import type { BootData, Envelope, ErrorFields, WorkerMessage } from './protocol.js';

const port = parentPort!;
const post = (message: WorkerMessage): void => port.postMessage(message);

async function boot(data: BootData): Promise<PGlite> {
  // Unpacked meanwhile, off this thread; PGlite asks for it once its WASM is running.
  const tar = readTarball(data.dataDir);
  tar.catch(() => undefined); // a missing file is reported by the boot that awaits it
  const arrayBuffer = async (): Promise<ArrayBuffer> => {
    const bytes = await tar;
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
  };
  // PGlite only calls arrayBuffer(); a real Blob costs ~10 ms a MiB more in Node's Blob streaming.
  const loadDataDir = { type: '', arrayBuffer } as Blob;
  const extensions: Record<string, Extension> = {};
  for (const [file, preload] of Object.entries(data.extensionFiles)) {
    const bundlePath = pathToFileURL(file);
    const name = basename(file).replace(/\.tar\.gz$/, '');
    extensions[name.replace(/\W/g, '_')] = {
      name,
      setup: async () => ({ bundlePath, sharedPreloadLibraries: preload }),
    };
  }
  const db = new PGlite({
    loadDataDir,
    extensions,
    // 128 MB of shared buffers (initdb's default) are zeroed at every start: ~0.3 s and 100 MiB for a
    // throwaway database that holds a schema.
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
  });
  await db.waitReady;
  return db;
}

function errorFields(e: unknown): ErrorFields {
  const err = e as Partial<ErrorFields> & { message?: string };
  return {
    message: err?.message ?? String(e),
    code: err?.code,
    detail: err?.detail,
    hint: err?.hint,
    position: err?.position === undefined ? undefined : String(err.position),
  };
}

async function serve(db: PGlite, front: SocketFront, request: Envelope): Promise<unknown> {
  switch (request.op) {
    case 'query': {
      // One backend: a statement from Node inside a client's open transaction would join it.
      if (db.isInTransaction())
        throw new Error(
          'a client has a transaction open on the embedded PostgreSQL; query between its steps',
        );
      const result = await db.query(request.sql, request.params);
      return result.rows;
    }
    case 'reset':
      await front.idle();
      if (!front.busy) await front.reset();
      return null;
    case 'dump': {
      await db.exec('CHECKPOINT');
      const dump = await db.dumpDataDir('none');
      writeTarball(request.file, new Uint8Array(await dump.arrayBuffer()));
      return null;
    }
    case 'close':
      // Not db.close(): nothing needs persisting, and closing while a statement runs wedges PGlite (#1084).
      // The main thread terminates this thread next.
      await front.close();
      return null;
  }
}

try {
  const started = performance.now();
  const data = workerData as BootData;
  const db = await boot(data);
  const front = new SocketFront({ db, host: data.host });
  const listening = await front.listen();
  const version = await db.query<{ server_version: string }>('SHOW server_version');
  port.on('message', (request: Envelope) => {
    serve(db, front, request).then(
      (value) => post({ type: 'reply', id: request.id, ok: true, value }),
      (e: unknown) => post({ type: 'reply', id: request.id, ok: false, error: errorFields(e) }),
    );
  });
  post({
    type: 'ready',
    port: listening,
    serverVersion: version.rows[0].server_version,
    bootMs: Math.round(performance.now() - started),
  });
} catch (e) {
  post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
}
