import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Actions cache service (v2) as @actions/cache speaks to it: three Twirp JSON calls under
 * ACTIONS_RESULTS_URL, and the archive PUT to and GET from the signed URL they hand out (Azure Blob Storage in
 * real life; one PUT for an archive under 128 MiB). Like GitHub's: an entry is readable once finalized, a key
 * is written once, restore keys match by prefix with the same version, newest first.
 */
export interface CacheEntry {
  id: number;
  key: string;
  version: string;
  data?: Buffer;
  finalized: boolean;
}

const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';

export class FakeCacheService {
  entries: CacheEntry[] = [];
  calls: { method: string; path: string; auth?: string }[] = [];
  url = '';
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((e: Error) => send(res, 500, { msg: e.message }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** What a job's environment needs for @actions/cache to use this service. */
  env(): Record<string, string> {
    return {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: this.url,
      ACTIONS_RUNTIME_TOKEN: 'fake-runtime',
    };
  }

  private blobUrl(e: CacheEntry): string {
    // IP-style blob URL (account/container/blob), as the Azure SDK parses one on a bare host.
    return `${this.url}devstoreaccount1/cache/${e.id}?sig=fake`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, this.url);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    this.calls.push({ method: req.method!, path: url.pathname, auth: req.headers.authorization });

    const blob = /^\/devstoreaccount1\/cache\/(\d+)$/.exec(url.pathname);
    if (blob) {
      const entry = this.entries.find((e) => e.id === Number(blob[1]));
      if (!entry) return send(res, 404);
      if (req.method === 'PUT') {
        entry.data = raw;
        return send(res, 201, undefined, { etag: `"${entry.id}"`, 'x-ms-request-server-encrypted': 'true' });
      }
      if (req.method === 'GET' && entry.finalized && entry.data)
        return send(res, 200, entry.data, { 'content-type': 'application/octet-stream' });
      return send(res, 404);
    }

    if (req.method !== 'POST' || !url.pathname.startsWith(TWIRP)) return send(res, 404, { msg: 'not found' });
    if (req.headers.authorization !== 'Bearer fake-runtime') return send(res, 401, { msg: 'unauthorized' });
    const body = JSON.parse(raw.toString('utf8') || '{}') as {
      key?: string;
      version?: string;
      restore_keys?: string[];
    };
    switch (url.pathname.slice(TWIRP.length)) {
      case 'GetCacheEntryDownloadURL': {
        const ready = this.entries.filter((e) => e.finalized && e.version === body.version).reverse();
        const hit =
          ready.find((e) => e.key === body.key) ??
          (body.restore_keys ?? []).map((p) => ready.find((e) => e.key.startsWith(p))).find(Boolean);
        return send(
          res,
          200,
          hit ? { ok: true, signed_download_url: this.blobUrl(hit), matched_key: hit.key } : { ok: false },
        );
      }
      case 'CreateCacheEntry': {
        if (this.entries.some((e) => e.key === body.key && e.version === body.version))
          return send(res, 200, { ok: false, message: 'cache entry already exists' });
        const entry: CacheEntry = {
          id: this.entries.length + 1,
          key: body.key!,
          version: body.version!,
          finalized: false,
        };
        this.entries.push(entry);
        return send(res, 200, { ok: true, signed_upload_url: this.blobUrl(entry) });
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = this.entries.find((e) => e.key === body.key && e.version === body.version);
        if (!entry?.data) return send(res, 200, { ok: false, message: 'nothing uploaded' });
        entry.finalized = true;
        return send(res, 200, { ok: true, entry_id: String(entry.id) });
      }
      default:
        return send(res, 404, { msg: 'no such method' });
    }
  }
}

function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  const data = body === undefined ? '' : Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(data)),
    ...headers,
  });
  res.end(data);
}
