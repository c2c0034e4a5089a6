/**
 * The Node side of the Alembic runner: starts headsup_runner.py in the user's Python, sends it commands and
 * turns its messages into typed results. Always asynchronous: an embedded database (PGlite) serves Python
 * from this process's event loop, so blocking it while Python runs would hang both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import type { Command, RunnerConfig, RunnerMessage } from './protocol.js';
import { reapOnExit } from './reaper.js';
import { ResultCollector, type RunResult } from './result.js';
import { parseRunnerMessage, ProtocolError } from './validate.js';

export type { RunResult, RunStep, RunFailure, ConfiguredInfo, EngineInfo, DriftResult } from './result.js';

/** A command the driver runs (closing is close()'s job). */
export type RunnerCommand = Exclude<Command, { cmd: 'exit' }>;

export interface RunnerHello {
  python: string;
  executable: string;
  alembic: string;
  sqlalchemy: string;
}

export interface StartRunnerOptions {
  /** The interpreter: a command on PATH or a path (`--python`). */
  python: string;
  config: RunnerConfig;
  /** Variables added to this process's environment for Python (the app's settings, PYTHONPATH, ...). */
  env?: NodeJS.ProcessEnv;
  /** Everything the user's code prints, as it comes. */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
  /** How long Python may take to import Alembic and say hello (default 60 s). */
  startTimeoutMs?: number;
  /** The runner script (default: the one shipped beside the bundle, or beside this file in the sources). */
  script?: string;
}

export interface AlembicRunner {
  readonly hello: RunnerHello;
  /** The Python process (diagnostics). */
  readonly pid: number | undefined;
  /**
   * Runs one command. Resolves with its result, failures included (a failed migration, a timeout, a crash);
   * rejects only when the runner can no longer take commands (closed, killed by an earlier timeout).
   */
  run(command: RunnerCommand, opts: { timeoutMs: number }): Promise<RunResult>;
  /** Ends the Python process (politely, then by force). Idempotent. */
  close(): Promise<void>;
}

/** The dry run cannot start in this Python: one sentence saying what to install or set. */
export class RunnerUnavailable extends Error {
  override name = 'RunnerUnavailable';
  constructor(
    message: string,
    /** 'no-interpreter': nothing to run; 'no-alembic': it lacks Alembic/SQLAlchemy (or is too old); 'failed-to-start': it died first. */
    readonly reason: 'no-interpreter' | 'no-alembic' | 'failed-to-start',
    /** What Python printed before giving up. */
    readonly output = '',
  ) {
    super(message);
  }
}

const SCRIPT = 'headsup_runner.py';
/** Between SIGTERM and SIGKILL, and the wait for a polite exit. */
const GRACE_MS = 2000;
const OUTPUT_TAIL = 16 * 1024;
const CHANNEL_DRAIN_MS = 1000;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** The runner script: dist/runner/ beside the bundle, or this folder when running from the sources. */
export function runnerScriptPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'runner', SCRIPT), join(here, SCRIPT)];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`the Alembic runner script is missing (looked for ${candidates.join(', ')})`);
  return found;
}

/** Starts the runner and waits for its hello. Throws RunnerUnavailable when this Python cannot run it. */
export async function startRunner(opts: StartRunnerOptions): Promise<AlembicRunner> {
  const runner = new PythonRunner(opts);
  try {
    await runner.started(opts.startTimeoutMs ?? 60_000);
  } catch (err) {
    await runner.close();
    throw err;
  }
  return runner;
}

type Listener = (msg: RunnerMessage) => void;

class PythonRunner implements AlembicRunner {
  hello!: RunnerHello;
  private readonly child: ChildProcess;
  get pid(): number | undefined {
    return this.child.pid;
  }
  private readonly channel: Duplex;
  private readonly python: string;
  private listener: Listener | undefined;
  private exited: Promise<void>;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private spawnError: NodeJS.ErrnoException | undefined;
  private protocolError: ProtocolError | undefined;
  private deathNotice: (() => void) | undefined;
  /** The end of everything printed, and of what the current command printed. */
  private output = '';
  private commandOutput = '';
  private queue: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private unusable: string | undefined;

  constructor(opts: StartRunnerOptions) {
    this.python = opts.python;
    // No cwd: a relative --python is the user's, relative to where headsup runs; Python moves to the project.
    this.child = spawn(opts.python, [opts.script ?? runnerScriptPath()], {
      env: {
        ...process.env,
        ...opts.env,
        HEADSUP_RUNNER_CONFIG: JSON.stringify(opts.config),
        PYTHONUNBUFFERED: '1',
        PYTHONDONTWRITEBYTECODE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    reapOnExit(this.child);
    this.channel = this.child.stdio[3] as Duplex;
    // 'exit' can come before the last lines on fd 3 are read (an `unavailable` just before exiting): the
    // process counts as gone once its end of the channel is closed too (or after a short wait).
    const channelClosed = new Promise<void>((resolve) => this.channel.once('close', () => resolve()));
    this.exited = new Promise((resolve) => {
      const gone = (): void => {
        this.dead();
        resolve();
      };
      this.child.once('error', (err) => {
        this.spawnError = err;
        gone();
      });
      this.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        void Promise.race([channelClosed, delay(CHANNEL_DRAIN_MS)]).then(gone);
      });
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      const decoder = new StringDecoder('utf8');
      this.child[stream]?.on('data', (chunk: Buffer) => {
        const text = decoder.write(chunk);
        this.output = (this.output + text).slice(-OUTPUT_TAIL);
        this.commandOutput = (this.commandOutput + text).slice(-OUTPUT_TAIL);
        opts.onOutput?.(stream, text);
      });
    }
    this.readLines();
  }

  private readLines(): void {
    const decoder = new StringDecoder('utf8');
    let pending = '';
    this.channel.on('data', (chunk: Buffer) => {
      pending += decoder.write(chunk);
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.trim()) this.deliver(line);
      }
    });
    this.channel.on('error', () => {
      // the process's exit says what happened
    });
  }

  private deliver(line: string): void {
    if (this.protocolError) return;
    let msg: RunnerMessage;
    try {
      msg = parseRunnerMessage(line);
    } catch (err) {
      this.protocolError = err as ProtocolError;
      this.kill();
      return;
    }
    this.listener?.(msg);
  }

  private dead(): void {
    this.unusable ??= 'the runner exited';
    this.deathNotice?.();
  }

  async started(timeoutMs: number): Promise<void> {
    const first = await this.next(timeoutMs);
    if (first?.t === 'hello') {
      const { t: _t, ...hello } = first;
      this.hello = hello;
      return;
    }
    if (first?.t === 'unavailable') {
      throw new RunnerUnavailable(
        `${first.message}: install Alembic, SQLAlchemy and the database driver into it, or pass --python (action input python) naming an interpreter that has them.`,
        'no-alembic',
        this.output,
      );
    }
    const err = this.spawnError;
    if (err?.code === 'ENOENT') {
      throw new RunnerUnavailable(
        `Python interpreter "${this.python}" was not found: install Python 3 with Alembic and SQLAlchemy, or pass --python (action input python) naming one.`,
        'no-interpreter',
      );
    }
    if (err) {
      throw new RunnerUnavailable(
        `Python interpreter "${this.python}" could not be started (${err.code ?? err.message}): pass --python (action input python) naming a working one.`,
        'no-interpreter',
      );
    }
    const why = first
      ? `it sent "${first.t}" first`
      : this.protocolError
        ? this.protocolError.message
        : this.exitInfo
          ? `it exited (${describeExit(this.exitInfo)})`
          : `it did not answer within ${timeoutMs} ms`;
    const lastLine = this.output.trim().split('\n').at(-1) ?? '';
    throw new RunnerUnavailable(
      `The Alembic runner did not start with "${this.python}": ${why}${lastLine ? ` (${lastLine.trim()})` : ''}.`,
      'failed-to-start',
      this.output,
    );
  }

  /** The next message, or undefined when the process died or the time ran out. */
  private next(timeoutMs: number): Promise<RunnerMessage | undefined> {
    return new Promise((resolve) => {
      const finish = (msg: RunnerMessage | undefined): void => {
        clearTimeout(timer);
        this.listener = undefined;
        this.deathNotice = undefined;
        resolve(msg);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      if (this.unusable) return finish(undefined);
      this.listener = finish;
      this.deathNotice = () => finish(undefined);
    });
  }

  run(command: RunnerCommand, opts: { timeoutMs: number }): Promise<RunResult> {
    const result = this.queue.then(() => this.runNow(command, opts.timeoutMs));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runNow(command: RunnerCommand, timeoutMs: number): Promise<RunResult> {
    if (this.closing || this.unusable)
      throw new Error(`the Alembic runner cannot take commands: ${this.unusable ?? 'closed'}`);
    const started = performance.now();
    this.commandOutput = '';
    const collector = new ResultCollector();
    const ended = new Promise<'done' | 'died' | 'timeout'>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeoutMs);
      this.listener = (msg) => {
        if (collector.accept(msg)) {
          clearTimeout(timer);
          resolve('done');
        }
      };
      this.deathNotice = () => {
        clearTimeout(timer);
        resolve('died');
      };
    });
    this.channel.write(JSON.stringify(command) + '\n');
    const how = await ended;
    this.listener = undefined;
    this.deathNotice = undefined;
    if (how === 'timeout') {
      this.unusable = `an earlier command timed out after ${timeoutMs} ms`;
      await this.kill();
      collector.fail({
        kind: 'timeout',
        message: `the command did not finish within ${timeoutMs} ms: the runner was stopped`,
        traceback: '',
      });
    } else if (how === 'died') {
      await this.exited;
      collector.fail({
        kind: 'crashed',
        message: this.protocolError
          ? `the runner broke the protocol (${this.protocolError.message}) and was stopped`
          : `the runner exited during the command (${this.exitInfo ? describeExit(this.exitInfo) : 'unknown'})`,
        traceback: '',
      });
    }
    return collector.result(Math.round(performance.now() - started), this.commandOutput);
  }

  /** SIGTERM, then SIGKILL after a grace; resolves when the process is gone. */
  private async kill(): Promise<void> {
    if (this.exitInfo || this.spawnError) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.exitInfo && !this.spawnError) {
        if (this.channel.writable) this.channel.end(JSON.stringify({ cmd: 'exit' }) + '\n');
        const timer = setTimeout(() => void this.kill(), GRACE_MS);
        await this.exited;
        clearTimeout(timer);
      }
      this.channel.destroy();
    })();
    return this.closing;
  }
}

function describeExit(info: { code: number | null; signal: NodeJS.Signals | null }): string {
  return info.signal ? `killed by ${info.signal}` : `exit code ${info.code}`;
}
