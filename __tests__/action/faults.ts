import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { FakeGitHub } from './fake-github.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { runAction, type RunOptions } from './harness.js';
import { fakePull, registerPull, stalePrRepo, type PrRepo } from './repos.js';

/** Answers a request in the fake's place (and returns true), or lets the fake answer (false). */
export type Fault = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Puts `fault` in front of the fake's own (private) handler, for failures its `failures` list cannot play: a
 * request that succeeds but answers an error, or state that changes mid-run. Returns the undo.
 */
export function injectFault(fake: FakeGitHub, fault: Fault): () => void {
  const f = fake as unknown as { handle: Handler };
  const original = f.handle;
  f.handle = async (req, res) => {
    const url = new URL(req.url!, fake.url);
    if (!(await fault(req, res, url))) return original.call(fake, req, res);
    fake.calls.push({
      method: req.method!,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: res.statusCode,
    });
  };
  let undone = false;
  const undo = () => {
    if (undone) return;
    undone = true;
    f.handle = original;
    injected.splice(injected.indexOf(undo), 1);
  };
  injected.push(undo);
  return undo;
}

/** Faults in place, in the order injected: useFakeGitHub undoes them after each test, newest first. */
const injected: (() => void)[] = [];

/**
 * One fake GitHub for a test file: started before its tests, stopped after them with the repositories they
 * made; after each test its faults are undone and its failures and read-only mode cleared.
 */
export function useFakeGitHub(): { fake: FakeGitHub; repos: TestRepo[] } {
  const fake = new FakeGitHub();
  const repos: TestRepo[] = [];
  beforeAll(async () => {
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
    for (const r of repos) r.cleanup();
  });
  afterEach(() => {
    for (const undo of [...injected].reverse()) undo();
    fake.failures = [];
    fake.readOnly = false;
  });
  return { fake, repos };
}

/** A fresh stale-parent PR #7 (two errors, two one-click suggestions) on a reset fake. */
export function stalePullRequest(fake: FakeGitHub, repos: TestRepo[]): PrRepo {
  fake.reset();
  const pr = stalePrRepo();
  repos.push(pr.repo);
  registerPull(fake, fakePull(7, pr.prHead, pr.prFiles), pr.prFiles);
  return pr;
}

export async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

export function reply(res: ServerResponse, status: number, body: string, type = 'application/json'): true {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
  return true;
}

/** Reads the request body (so the client is not left writing), then answers. */
export async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<true> {
  for await (const _ of req);
  res.writeHead(status, headers);
  res.end(body);
  return true;
}

export interface EnvRun {
  code: number;
  ms: number;
  stdout: string;
  summary: string;
  /** Workflow commands by level: `::warning::…` → warning. */
  messages: (level: 'error' | 'warning' | 'notice') => string[];
}

/** runAction with extra environment variables, timed, its workflow messages by level. */
export async function runWithEnv(o: RunOptions, extra: Record<string, string>): Promise<EnvRun> {
  const started = Date.now();
  const run = await runAction({ ...o, env: extra });
  return {
    code: run.code,
    ms: Date.now() - started,
    stdout: run.stdout,
    summary: run.summary,
    messages: (level) => run.annotations.filter((a) => a.level === level).map((a) => a.message),
  };
}
