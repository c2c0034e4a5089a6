import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll } from 'vitest';
import { bundled } from '../helpers/bundle.js';
import type { FakeGitHub } from './fake-github.js';

/** The action bundle built by global-setup (a private copy, so a parallel `npm run build` cannot pull it away). */
export function bundlePath(): string {
  return bundled('index.js');
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Workflow commands: ::error …::, ::warning …::, ::notice …:: */
  annotations: { level: string; props: Record<string, string>; message: string }[];
}

/** Parses `name<<DELIM\nvalue\nDELIM` blocks as the runner does. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    out[m[1]] = value.join('\n');
  }
  return out;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProp = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

function parseAnnotations(stdout: string): ActionRun['annotations'] {
  return [...stdout.matchAll(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm)].map((m) => ({
    level: m[1],
    props: Object.fromEntries(
      (m[2] ?? '')
        .split(',')
        .filter(Boolean)
        .map((kv) => {
          const i = kv.indexOf('=');
          return [kv.slice(0, i), unescapeProp(kv.slice(i + 1))];
        }),
    ),
    message: unescapeData(m[3]),
  }));
}

export interface RunOptions {
  fake: FakeGitHub;
  workspace: string;
  event: string;
  payload: unknown;
  inputs?: Record<string, string>;
  sha?: string;
  runId?: number;
  runAttempt?: number;
  token?: string;
  /** Extra environment variables (e.g. a short HEADSUP_API_TIMEOUT_MS). */
  env?: Record<string, string>;
}

/** Runs dist/index.js as the runner would: env vars, event file, output and summary files. */
export async function runAction(o: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'headsup-runner-'));
  runnerDirs.push(dir);
  const eventPath = join(dir, 'event.json');
  // A string is written as it is: a malformed payload for the scenarios that need one.
  writeFileSync(eventPath, typeof o.payload === 'string' ? o.payload : JSON.stringify(o.payload));
  const output = join(dir, 'output');
  const summary = join(dir, 'summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const inputs: Record<string, string> = {
    token: o.token ?? 'ghs_faketoken',
    'working-directory': '.',
    'fail-on': 'error',
    comment: 'true',
    suggestions: 'true',
    mode: 'check',
    'allow-pull-request-target': 'false',
    // These scenarios are about GitHub; the dry run has its own (../dry-run-*.test.ts; in the action: dry-run.test.ts).
    'dry-run': 'false',
    ...o.inputs,
  };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_PROXY: '*',
    // Each scenario is a fresh temp repository: nothing worth caching, nothing to leave behind in ~/.cache.
    HEADSUP_CACHE: process.env.HEADSUP_CACHE ?? 'off',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: o.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_API_URL: o.fake.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_SHA: o.sha ?? '',
    GITHUB_RUN_ID: String(o.runId ?? 100),
    GITHUB_RUN_ATTEMPT: String(o.runAttempt ?? 1),
    GITHUB_WORKSPACE: o.workspace,
    RUNNER_TEMP: dir,
    ...o.env,
  };
  // The runner's naming: INPUT_ + upper case, spaces to underscores, dashes kept (INPUT_FAIL-ON).
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const child = spawn(process.execPath, [bundlePath()], {
    cwd: o.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((res) => child.on('close', (c) => res(c ?? -1)));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(output, 'utf8')),
    summary: existsSync(summary) ? readFileSync(summary, 'utf8') : '',
    annotations: parseAnnotations(stdout),
  };
}

// The runners' temp folders: tests read the files the outputs name, so they go when the file's tests end.
const runnerDirs: string[] = [];
afterAll(() => {
  for (const d of runnerDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A store-only zip archive (what upload-artifact produces, minus compression). */
export function zip(files: Record<string, Buffer | string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const nameBuf = Buffer.from(name);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBuf.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    central.push(entry, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
