/**
 * The PostgreSQL socket Python connects to, in front of PGlite's single backend. Each client is served by
 * pglite-socket's own PGLiteSocketHandler (framing, SSLRequest, CancelRequest); what this adds, for
 * pglite-socket 0.2.18:
 * - Terminate (`X`) closes the client's connection: the package hands it to PGlite, which ignores it, and
 *   never closes the socket, so asyncpg's close() waited forever.
 * - One client at a time. Every client would share the one backend (its transaction, its session), so a
 *   second client waits for the first to leave, and is refused with a clear error after `waitMs` (an app
 *   holding one connection while it opens another would otherwise wait forever).
 * - The backend is reset when a client leaves: Sync, ROLLBACK of an open transaction, DISCARD ALL (its
 *   prepared statements, SETs, temporary tables, advisory locks would meet the next client).
 * - close() destroys the clients' sockets first: closing a server with a client still connected hangs
 *   (pglite #678).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';

const TERMINATE = 0x58; // 'X'
const SSL_REQUEST_CODE = 80877103;
const CANCEL_REQUEST_CODE = 80877102;
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

export interface FrontOptions {
  db: PGlite;
  host: string;
  /** How long a second client waits for the first to leave before it is refused. */
  waitMs?: number;
}

interface Waiting {
  socket: Socket;
  /** What the client sent while it waited (its startup message), handed to the handler on admission. */
  buffered: Buffer;
  onData: (chunk: Buffer) => void;
  timer: NodeJS.Timeout;
}

export class SocketFront {
  private readonly db: PGlite;
  private readonly host: string;
  private readonly waitMs: number;
  private server: Server | undefined;
  private current: Socket | undefined;
  private readonly waiting: Waiting[] = [];
  private readonly sockets = new Set<Socket>();
  /** Settles when no client is attached and the backend has been reset after the last one. */
  private settled: Promise<void> = Promise.resolve();
  private settle: (() => void) | undefined;
  private closing = false;

  constructor(options: FrontOptions) {
    this.db = options.db;
    this.host = options.host;
    this.waitMs = options.waitMs ?? 3_000;
  }

  /** Starts listening on a random port of the loopback address; resolves with that port. */
  listen(): Promise<number> {
    const server = createServer((socket) => this.arrive(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.once('listening', () => {
        server.off('error', reject);
        const address = server.address();
        if (address === null || typeof address === 'string') reject(new Error('socket has no port'));
        else resolve(address.port);
      });
      server.listen(0, this.host);
    });
  }

  /** Resolves once no client is connected and the backend has been reset after the last one. */
  idle(): Promise<void> {
    return this.settled;
  }

  /** Whether a client holds the backend right now. */
  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Ends every client's connection, then stops listening. */
  async close(): Promise<void> {
    this.closing = true;
    for (const w of this.waiting.splice(0)) clearTimeout(w.timer);
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resets what a client may have left on the shared backend. */
  async reset(): Promise<void> {
    const { db } = this;
    // A client that left mid extended-protocol would leave the backend skipping messages until a Sync.
    await db.runExclusive(() => db.execProtocolRaw(SYNC)).catch(() => undefined);
    if (db.isInTransaction()) await db.exec('ROLLBACK');
    await db.exec('DISCARD ALL');
  }

  private arrive(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined); // a reset by the client; the handler or 'close' deals with it
    if (this.closing) socket.destroy();
    else if (this.current === undefined && this.waiting.length === 0) this.attach(socket);
    else this.hold(socket);
  }

  private attach(socket: Socket): void {
    this.current = socket;
    this.settled = new Promise((resolve) => (this.settle = resolve));
    const { db } = this;
    // The handler's whole use of its queue: these three calls. One client at a time needs no real queue.
    const queue = {
      enqueue: async (_id: number, message: Uint8Array, onData: (data: Uint8Array) => void) => {
        if (message[0] === TERMINATE && message.length === 5) {
          await db.runExclusive(async () => undefined); // what the client sent before is answered first
          socket.end(() => socket.destroy());
          return 0;
        }
        let bytes = 0;
        await db.runExclusive(() =>
          db.execProtocolRawStream(message, {
            onRawData: (data) => {
              bytes += data.length;
              onData(data);
            },
          }),
        );
        return bytes;
      },
      clearQueueForHandler: () => undefined,
      clearTransactionIfNeeded: async () => undefined,
    };
    const handler = new PGLiteSocketHandler({
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    let left = false;
    const leave = (): void => {
      if (left) return;
      left = true;
      void this.leave(socket);
    };
    handler.addEventListener('close', leave);
    handler.addEventListener('error', leave);
    void handler.attach(socket).catch(leave);
    socket.resume();
  }

  private async leave(socket: Socket): Promise<void> {
    if (this.current !== socket) return;
    this.sockets.delete(socket);
    try {
      if (!this.closing) await this.reset();
    } catch {
      // A backend that cannot even roll back: the next client's statements will say so.
    }
    this.current = undefined;
    const settle = this.settle;
    this.settle = undefined;
    const next = this.waiting.shift();
    if (next) this.admit(next);
    settle?.();
  }

  /** A client that arrived while another holds the backend: answer its SSLRequest, keep the rest. */
  private hold(socket: Socket): void {
    const w: Waiting = {
      socket,
      buffered: Buffer.alloc(0),
      onData: (chunk) => {
        w.buffered = Buffer.concat([w.buffered, chunk]);
        while (w.buffered.length >= 8 && w.buffered.readInt32BE(0) === 8) {
          if (w.buffered.readInt32BE(4) !== SSL_REQUEST_CODE) break;
          socket.write('N');
          w.buffered = w.buffered.subarray(8);
        }
        // A CancelRequest cannot reach a backend that is busy in WASM: nothing to wait for.
        if (w.buffered.length >= 16 && w.buffered.readInt32BE(0) === 16)
          if (w.buffered.readInt32BE(4) === CANCEL_REQUEST_CODE) this.drop(w);
      },
      timer: setTimeout(() => this.refuse(w), this.waitMs),
    };
    socket.on('data', w.onData);
    socket.once('close', () => this.drop(w));
    this.waiting.push(w);
  }

  private admit(w: Waiting): void {
    clearTimeout(w.timer);
    const { socket } = w;
    if (socket.destroyed) {
      const next = this.waiting.shift();
      if (next) this.admit(next);
      return;
    }
    socket.pause();
    socket.off('data', w.onData);
    if (w.buffered.length > 0) socket.unshift(w.buffered);
    this.attach(socket);
  }

  private drop(w: Waiting): void {
    clearTimeout(w.timer);
    const i = this.waiting.indexOf(w);
    if (i >= 0) this.waiting.splice(i, 1);
    w.socket.destroy();
  }

  private refuse(w: Waiting): void {
    const i = this.waiting.indexOf(w);
    if (i >= 0) this.waiting.splice(i, 1);
    w.socket.off('data', w.onData);
    const seconds = Math.round(this.waitMs / 1000);
    w.socket.end(
      errorResponse(
        '53300',
        `headsup's embedded PostgreSQL (PGlite) has a single backend and serves one connection at a time; ` +
          `another connection has held it for ${seconds} s. Close the first connection before opening a second ` +
          `(or run the dry run on a PostgreSQL server: --database postgres://…).`,
      ),
    );
  }
}

/** A FATAL ErrorResponse message, as a server sends it before or instead of authentication. */
function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.concat([
    field('S', 'FATAL'),
    field('V', 'FATAL'),
    field('C', code),
    field('M', message),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E', 0, 'latin1');
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

function field(type: string, value: string): Buffer {
  return Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(value, 'utf8'), Buffer.from([0])]);
}
