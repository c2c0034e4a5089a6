import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded API call. */
export interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  auth?: string;
  status: number;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  created_at: string;
}

export interface FakeFile {
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  sha: string;
  patch?: string;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  head: { sha: string; ref: string; repo: { full_name: string } | null };
  base: { sha: string; ref: string; repo: { full_name: string } };
  changed_files?: number;
  files: FakeFile[];
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' };

/**
 * Plays the GitHub REST endpoints headsup uses, in memory, on 127.0.0.1. Records every call; can answer
 * as a read-only token would (403 on writes) and fail chosen calls with a status a given number of times.
 */
export class FakeGitHub {
  calls: Call[] = [];
  pulls = new Map<number, FakePull>();
  comments = new Map<number, FakeComment[]>();
  reviews = new Map<
    number,
    { id: number; body: string; commit_id: string; user: typeof BOT; comments: unknown[] }[]
  >();
  blobs = new Map<string, Buffer>();
  commits = new Map<string, string[]>();
  artifacts = new Map<number, { id: number; name: string; zip: Buffer; expired?: boolean }[]>();

  /** Forgets every pull, comment, review, blob, commit, artifact and call: a fresh scenario, same server. */
  reset(): void {
    this.calls = [];
    for (const m of [this.pulls, this.comments, this.reviews, this.blobs, this.commits, this.artifacts])
      m.clear();
  }
  readOnly = false;
  /** Fail the next `times` calls matching `method path-regex` with `status`. */
  failures: { method: string; path: RegExp; status: number; times: number }[] = [];
  private nextId = 1000;
  private pending = new WeakMap<ServerResponse, Call>();
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((e: Error) => this.send(req, res, 500, { message: e.message }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  id(): number {
    return this.nextId++;
  }

  /** A comment as another author (or an earlier headsup run) would have left it. */
  addComment(issue: number, body: string, user = BOT): FakeComment {
    const c = { id: this.id(), body, user, created_at: new Date().toISOString() };
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), c]);
    return c;
  }

  writes(): Call[] {
    return this.calls.filter((c) => c.method !== 'GET');
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const call = this.pending.get(res);
    if (call) call.status = status;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : Buffer.isBuffer(body) ? body : JSON.stringify(body));
  }

  /** GitHub-style pagination with a Link header. */
  private page<T>(
    req: IncomingMessage,
    res: ServerResponse,
    items: T[],
    q: Record<string, string>,
    cap = Infinity,
  ) {
    const all = items.slice(0, cap);
    const per = Math.min(Number(q.per_page ?? 30), 100);
    const page = Number(q.page ?? 1);
    const slice = all.slice((page - 1) * per, page * per);
    const headers: Record<string, string> = {};
    if (page * per < all.length) {
      const next = new URL(req.url!, this.url);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    this.send(req, res, 200, slice, headers);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, this.url);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const method = req.method!;
    const path = url.pathname;
    const call: Call = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      auth: req.headers.authorization,
      status: 0,
    };
    this.calls.push(call);
    this.pending.set(res, call);
    const failure = this.failures.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (failure) {
      failure.times--;
      return this.send(req, res, failure.status, { message: 'Server Error' });
    }
    // Artifact storage: a different origin in real life, reached by redirect.
    let m = /^\/_storage\/(\d+)$/.exec(path);
    if (m) {
      const a = [...this.artifacts.values()].flat().find((x) => x.id === Number(m![1]));
      return a
        ? this.send(req, res, 200, a.zip, { 'content-type': 'application/zip' })
        : this.send(req, res, 404);
    }
    if (method === 'GET' && path === '/user')
      return this.send(req, res, 403, { message: 'Resource not accessible by integration' });
    m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    if (!m) return this.send(req, res, 404, { message: 'Not Found' });
    const rest = m[3] ?? '';
    const q = Object.fromEntries(url.searchParams);
    const write = method !== 'GET';
    if (write && this.readOnly)
      return this.send(req, res, 403, { message: 'Resource not accessible by integration' });

    if (rest === '' && method === 'GET')
      return this.send(req, res, 200, { full_name: `${m[1]}/${m[2]}`, default_branch: 'main' });
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && method === 'GET') {
      const pr = this.pulls.get(Number(m[1]));
      if (!pr) return this.send(req, res, 404, { message: 'Not Found' });
      const { files, ...data } = pr;
      return this.send(req, res, 200, { ...data, changed_files: pr.changed_files ?? files.length });
    }
    if (rest === '/pulls' && method === 'GET') {
      let list = [...this.pulls.values()].filter((p) => (q.state ?? 'open') === p.state);
      if (q.base) list = list.filter((p) => p.base.ref === q.base);
      if (q.head)
        list = list.filter((p) => `${p.head.repo?.full_name.split('/')[0]}:${p.head.ref}` === q.head);
      return this.page(
        req,
        res,
        list.map(({ files: _f, ...p }) => p),
        q,
      );
    }
    if ((m = /^\/pulls\/(\d+)\/files$/.exec(rest)) && method === 'GET')
      return this.page(req, res, this.pulls.get(Number(m[1]))?.files ?? [], q, 3000);
    if ((m = /^\/pulls\/(\d+)\/reviews$/.exec(rest))) {
      const n = Number(m[1]);
      if (method === 'GET') return this.page(req, res, this.reviews.get(n) ?? [], q);
      const pr = this.pulls.get(n);
      const comments = (body?.comments ?? []) as { path: string; line: number }[];
      for (const c of comments) {
        const f = pr?.files.find((x) => x.filename === c.path);
        if (!f?.patch)
          return this.send(req, res, 422, {
            message: 'Unprocessable Entity',
            errors: ['Line could not be resolved'],
          });
      }
      const review = {
        id: this.id(),
        body: String(body?.body ?? ''),
        commit_id: String(body?.commit_id),
        user: BOT,
        comments,
      };
      this.reviews.set(n, [...(this.reviews.get(n) ?? []), review]);
      return this.send(req, res, 200, review);
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const n = Number(m[1]);
      if (method === 'GET') return this.page(req, res, this.comments.get(n) ?? [], q);
      return this.send(req, res, 201, this.addComment(n, String(body?.body)));
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const id = Number(m[1]);
      for (const [n, list] of this.comments) {
        const c = list.find((x) => x.id === id);
        if (!c) continue;
        if (method === 'PATCH') {
          c.body = String(body?.body);
          return this.send(req, res, 200, c);
        }
        if (method === 'DELETE') {
          this.comments.set(
            n,
            list.filter((x) => x.id !== id),
          );
          return this.send(req, res, 204);
        }
      }
      return this.send(req, res, 404, { message: 'Not Found' });
    }
    if ((m = /^\/git\/blobs\/([0-9a-f]+)$/.exec(rest))) {
      const blob = this.blobs.get(m[1]);
      if (!blob) return this.send(req, res, 404, { message: 'Not Found' });
      return this.send(req, res, 200, {
        sha: m[1],
        size: blob.length,
        encoding: 'base64',
        content: blob.toString('base64'),
      });
    }
    if ((m = /^\/git\/commits\/([0-9a-f]+)$/.exec(rest))) {
      const parents = this.commits.get(m[1]);
      if (!parents) return this.send(req, res, 404, { message: 'Not Found' });
      return this.send(req, res, 200, { sha: m[1], parents: parents.map((sha) => ({ sha })) });
    }
    if ((m = /^\/actions\/runs\/(\d+)\/artifacts$/.exec(rest))) {
      const list = (this.artifacts.get(Number(m[1])) ?? []).map((a) => ({
        id: a.id,
        name: a.name,
        expired: a.expired ?? false,
        size_in_bytes: a.zip.length,
      }));
      return this.send(req, res, 200, { total_count: list.length, artifacts: list });
    }
    if ((m = /^\/actions\/artifacts\/(\d+)\/zip$/.exec(rest))) {
      const storage = this.url.replace('127.0.0.1', 'localhost');
      return this.send(req, res, 302, undefined, { location: `${storage}/_storage/${m[1]}` });
    }
    return this.send(req, res, 404, { message: `Not Found: ${method} ${path}` });
  }
}
