/** The messages between the main thread (worker-handle.ts) and the PGlite worker (worker.ts). Types only. */

/** What the worker boots from (its workerData). */
export interface BootData {
  /** The data-directory tarball (.tar, .tar.gz or .tar.zst). */
  dataDir: string;
  /** Tarballs of the extensions to load: file path → libraries to preload (usually none). */
  extensionFiles: Record<string, string[]>;
  /** Where the socket listens: always a loopback address. */
  host: string;
}

export type Request =
  | { op: 'query'; sql: string; params?: unknown[] }
  /** Waits for the socket's client to leave, then resets the shared backend (DISCARD ALL). */
  | { op: 'reset' }
  /** Writes the data directory to `file` (compression by its extension). */
  | { op: 'dump'; file: string }
  /** Closes the socket and its clients; the main thread terminates the worker afterwards. */
  | { op: 'close' };

export type Envelope = Request & { id: number };

/** A PostgreSQL error's fields, carried across the thread boundary. */
export interface ErrorFields {
  message: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
}

export type WorkerMessage =
  | { type: 'ready'; port: number; serverVersion: string; bootMs: number }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: ErrorFields };
