import * as zlib from 'node:zlib';
import type { CreateOptions, DatabaseProvider, ThrowawayDatabase } from '../types.js';
import { DatabaseUnavailable } from '../types.js';
import { keepAlive } from '../registry.js';
import { within } from '../timeout.js';
import { bundlesFor } from './extensions.js';
import { extensionFile, shippedDataDir, workerUrl } from './assets.js';
import { PGliteWorker } from './worker-handle.js';

export interface PGliteCreateOptions extends CreateOptions {
  /**
   * Boot from this data-directory tarball (.tar, .tar.gz, .tar.zst) instead of the fresh one shipped in
   * dist/: a warm base written by dumpDataDir(). Boot it with the extensions it was dumped with.
   */
  dataDir?: string;
}

export interface PGliteDatabase extends ThrowawayDatabase {
  /** The extensions loaded at boot (catalog names, required ones included). */
  readonly extensions: string[];
  /** Milliseconds from spawning the worker to its socket listening. */
  readonly readyMs: number;
  /** Writes the data directory as a tarball (compressed as the name says), to boot from it later. */
  dumpDataDir(file: string): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** How long afterClient() waits for the socket's client to go before it gives up. */
const AFTER_CLIENT_MS = 5_000;

/**
 * Why this Node cannot run PGlite, if it cannot: its data directory ships as zstd, which Node's zlib has from
 * 22.15 (headsup's CLI asks for Node 24; the action runs on it).
 */
export function unsupportedNode(z: object, version = process.versions.node): string | undefined {
  if (typeof (z as { zstdDecompress?: unknown }).zstdDecompress === 'function') return undefined;
  return (
    `The embedded PostgreSQL (PGlite) needs Node 22.15 or newer (this is Node ${version}): ` +
    'run headsup with Node 24, or give it a server with --database postgres://…'
  );
}

/** PostgreSQL 18 in WASM, in a worker thread, served on a loopback socket: the embedded default. */
export class PGliteProvider implements DatabaseProvider {
  readonly name = 'pglite';
  readonly engine = 'postgresql' as const;

  async create(opts: PGliteCreateOptions = {}): Promise<PGliteDatabase> {
    const unsupported = unsupportedNode(zlib);
    if (unsupported) throw new DatabaseUnavailable(unsupported);
    const started = performance.now();
    const bundles = bundlesFor(opts.extensions ?? []);
    const extensionFiles: Record<string, string[]> = {};
    for (const bundle of bundles.values()) {
      const file = extensionFile(bundle);
      extensionFiles[file] = [...(extensionFiles[file] ?? []), ...(bundle.preload ?? [])];
    }
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const { handle, ready } = await PGliteWorker.start(
      workerUrl(),
      { dataDir: opts.dataDir ?? shippedDataDir(), extensionFiles, host: '127.0.0.1' },
      timeoutMs,
    );
    const dispose = keepAlive(() => handle.stop());
    let booted;
    try {
      booted = await ready;
    } catch (e) {
      await dispose();
      throw new DatabaseUnavailable(
        `The embedded PostgreSQL (PGlite) did not start: ${(e as Error).message}`,
      );
    }
    const readyMs = Math.round(performance.now() - started);
    const version = booted.serverVersion.split(' ')[0];
    return {
      engine: 'postgresql',
      description: `PostgreSQL ${version} (PGlite, embedded)`,
      engineVersion: version,
      name: 'postgres',
      target: {
        engine: 'postgresql',
        host: '127.0.0.1',
        port: booted.port,
        user: 'postgres',
        database: 'postgres',
        // The socket answers N to SSLRequest: no TLS to negotiate.
        query: { sslmode: 'disable' },
        defaultDriver: 'postgresql+psycopg2',
      },
      extensions: [...bundles.keys()],
      readyMs,
      query: <R>(sql: string, params?: unknown[]) => handle.request<R[]>({ op: 'query', sql, params }),
      afterClient: () =>
        within(handle.request<void>({ op: 'reset' }), AFTER_CLIENT_MS, 'the PGlite client did not leave'),
      dumpDataDir: (file: string) => handle.request<void>({ op: 'dump', file }),
      dispose,
    };
  }
}
