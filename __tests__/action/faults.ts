import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeGitHub } from './fake-github.js';
import { bundlePath, type RunOptions } from './harness.js';

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
  return () => {
    f.handle = original;
  };
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

/**
 * runAction with extra environment variables (the harness passes a fixed set), e.g. a short
 * HEADSUP_API_TIMEOUT_MS. Same runner layout: event file, output and summary files, INPUT_ variables.
 */
export async function runWithEnv(o: RunOptions, extra: Record<string, string>): Promise<EnvRun> {
  const dir = mkdtempSync(join(tmpdir(), 'headsup-runner-'));
  const eventPath = join(dir, 'event.json');
  const summary = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(o.payload));
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(summary, '');
  const inputs: Record<string, string> = {
    token: 'ghs_faketoken',
    'working-directory': '.',
    'fail-on': 'error',
    comment: 'true',
    suggestions: 'true',
    mode: 'check',
    'allow-pull-request-target': 'false',
    ...o.inputs,
  };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_PROXY: '*',
    HEADSUP_CACHE: 'off',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: o.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_API_URL: o.fake.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_SHA: o.sha ?? '',
    GITHUB_RUN_ID: String(o.runId ?? 100),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKSPACE: o.workspace,
    RUNNER_TEMP: dir,
    ...extra,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const started = Date.now();
  const child = spawn(process.execPath, [bundlePath()], {
    cwd: o.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.resume();
  const code = await new Promise<number>((res) => child.on('close', (c) => res(c ?? -1)));
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  return {
    code,
    ms: Date.now() - started,
    stdout,
    summary: readFileSync(summary, 'utf8'),
    messages: (level) =>
      [...stdout.matchAll(new RegExp(`^::${level}(?: [^:]*)?::(.*)$`, 'gm'))].map((m) => unescape(m[1])),
  };
}
