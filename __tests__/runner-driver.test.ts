/**
 * The Node side of the Alembic runner: message validation, result assembly, starting Python (and failing to),
 * shipping the script in the bundle, and never leaving Python behind.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerConfig } from '../src/formats/alembic/runner/protocol.js';
import { ResultCollector } from '../src/formats/alembic/runner/result.js';
import { runnerScriptPath, RunnerUnavailable, startRunner } from '../src/formats/alembic/runner/runner.js';
import { parseRunnerMessage, ProtocolError } from '../src/formats/alembic/runner/validate.js';
import { alembicMissing, PYTHON } from './helpers/alembic.js';
import { bundled } from './helpers/bundle.js';

const run = promisify(execFile);

describe('runner messages', () => {
  it('accepts what the protocol describes', () => {
    expect(
      parseRunnerMessage(
        '{"t":"statement","sql":"SELECT 1","ms":0.5,"file":"v/a.py","line":3,"locks":null,"autocommit":true}',
      ),
    ).toEqual({
      t: 'statement',
      sql: 'SELECT 1',
      ms: 0.5,
      file: 'v/a.py',
      line: 3,
      locks: null,
      autocommit: true,
    });
    expect(
      parseRunnerMessage(
        '{"t":"statement","sql":"X","ms":1,"locks":[{"locktype":"relation","relation":null,"mode":"ShareLock"}]}',
      ),
    ).toMatchObject({ locks: [{ relation: null }] });
    expect(parseRunnerMessage('{"t":"done","ms":3,"later":"ignored"}')).toMatchObject({ t: 'done', ms: 3 });
  });

  it.each([
    ['not json', /not JSON/],
    ['{"t":"nope"}', /unknown message/],
    ['[1]', /unknown message/],
    ['{"t":"statement","sql":"X"}', /"statement" has an invalid "ms"/],
    ['{"t":"statement","sql":"X","ms":1,"locks":[{"locktype":"relation"}]}', /invalid "locks"/],
    ['{"t":"begin","revision":"a","direction":"sideways","file":"f"}', /invalid "direction"/],
    ['{"t":"failed","message":"m","kind":"other","traceback":""}', /invalid "kind"/],
    ['{"t":"hello","python":"3","executable":"p","alembic":1,"sqlalchemy":"2"}', /invalid "alembic"/],
  ])('rejects %s', (line, why) => {
    expect(() => parseRunnerMessage(line)).toThrow(ProtocolError);
    expect(() => parseRunnerMessage(line)).toThrow(why);
  });
});

describe('result assembly', () => {
  it('puts statements on their revision and the rest aside, and pins a failure on the running revision', () => {
    const collector = new ResultCollector();
    const feed = (...lines: string[]) => lines.map((l) => collector.accept(parseRunnerMessage(l)));
    expect(
      feed(
        '{"t":"engine","requested":"a","used":"b"}',
        '{"t":"statement","sql":"CREATE TABLE alembic_version","ms":1}',
        '{"t":"begin","revision":"r1","direction":"upgrade","file":"v/r1.py"}',
        '{"t":"statement","sql":"CREATE TABLE t","ms":2,"file":"v/r1.py","line":9}',
        '{"t":"end","revision":"r1","direction":"upgrade","ms":4}',
        '{"t":"begin","revision":"r2","direction":"upgrade","file":"v/r2.py"}',
      ),
    ).toEqual([false, false, false, false, false, false]);
    collector.fail({ kind: 'timeout', message: 'too slow', traceback: '' });
    const result = collector.result(10, 'printed');
    expect(result).toMatchObject({
      ok: false,
      ms: 10,
      output: 'printed',
      engines: [{ requested: 'a', used: 'b', async: false, ignored: [] }],
      other: [{ sql: 'CREATE TABLE alembic_version', ms: 1 }],
      failure: { kind: 'timeout', revision: 'r2' },
    });
    expect(result.steps).toEqual([
      {
        revision: 'r1',
        direction: 'upgrade',
        file: 'v/r1.py',
        ms: 4,
        statements: [{ sql: 'CREATE TABLE t', ms: 2, file: 'v/r1.py', line: 9 }],
      },
      {
        revision: 'r2',
        direction: 'upgrade',
        file: 'v/r2.py',
        ms: null,
        statements: [],
        error: result.failure,
      },
    ]);
  });
});

describe('the runner script', () => {
  it('ships beside the bundle, and is found from the sources', () => {
    const shipped = join(bundled('cli.js'), '..', 'runner', 'headsup_runner.py');
    expect(readFileSync(shipped, 'utf8')).toBe(readFileSync(runnerScriptPath(), 'utf8'));
    expect(runnerScriptPath()).toMatch(/src\/formats\/alembic\/runner\/headsup_runner\.py$/);
  });
});

describe('starting Python', () => {
  let dir: string;
  const config = (): RunnerConfig => ({
    root: dir,
    scriptLocation: join(dir, 'migrations'),
    target: { engine: 'sqlite', database: join(dir, 'x.db'), defaultDriver: 'pysqlite' },
    urlVariables: [],
    statementTimeoutMs: 0,
    traceLocks: false,
  });
  const wrapper = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'headsup-driver-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says which interpreter lacks Alembic and what to do', async () => {
    // -S: no site-packages, so neither SQLAlchemy nor Alembic.
    const bare = wrapper('bare-python', `exec ${PYTHON} -S "$@"`);
    const err = await startRunner({ python: bare, config: config() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunnerUnavailable);
    expect(err).toMatchObject({ reason: 'no-alembic' });
    expect((err as Error).message).toMatch(
      /^\/usr\/bin\/python3(\.\d+)? \(Python 3\.[\d.]+\) cannot import sqlalchemy and alembic: install/,
    );
    expect((err as Error).message).toMatch(/--python/);
  });

  it('says so for the python3 first on PATH when it lacks Alembic', async (ctx) => {
    const onPath = await run('python3', ['-c', 'import sys; print(sys.executable)']).catch(() => undefined);
    const hasAlembic = await run('python3', ['-c', 'import alembic, sqlalchemy']).then(
      () => true,
      () => false,
    );
    if (!onPath || hasAlembic) ctx.skip();
    const err = await startRunner({ python: 'python3', config: config() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'RunnerUnavailable', reason: 'no-alembic' });
    expect((err as Error).message).toContain(onPath!.stdout.trim());
  });

  it('says when the interpreter does not exist', async () => {
    const err = await startRunner({ python: 'headsup-no-such-python', config: config() }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ name: 'RunnerUnavailable', reason: 'no-interpreter' });
    expect((err as Error).message).toMatch(/"headsup-no-such-python" was not found.*--python/);
  });

  it('says when the interpreter dies before starting, with what it printed', async () => {
    const dies = wrapper('dies', 'echo "boom: broken install" >&2; exit 3');
    const err = await startRunner({ python: dies, config: config() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'RunnerUnavailable', reason: 'failed-to-start' });
    expect((err as Error).message).toMatch(/exit code 3.*boom: broken install/);
  });

  describe.skipIf(alembicMissing('runner lifecycle'))('lifecycle', () => {
    it('closes idempotently, and the Python process is gone', async () => {
      const runner = await startRunner({ python: PYTHON, config: config() });
      expect(runner.hello).toMatchObject({
        executable: expect.stringMatching(/python/),
        alembic: expect.any(String),
      });
      const pid = runner.pid!;
      expect(alive(pid)).toBe(true);
      await Promise.all([runner.close(), runner.close()]);
      await runner.close();
      expect(alive(pid)).toBe(false);
      await expect(runner.run({ cmd: 'upgrade', targets: ['head'] }, { timeoutMs: 1000 })).rejects.toThrow(
        /cannot take commands/,
      );
    });

    it.each(['SIGTERM', 'SIGKILL'] as const)(
      'leaves no Python behind when Node dies of %s',
      async (signal) => {
        const script = join(dir, `holder-${signal}.ts`);
        writeFileSync(
          script,
          [
            `import { startRunner } from ${JSON.stringify(join(import.meta.dirname, '../src/formats/alembic/runner/runner.ts'))};`,
            `const runner = await startRunner(${JSON.stringify({ python: PYTHON, config: config(), script: runnerScriptPath() })});`,
            'console.log(runner.pid);',
            'setInterval(() => {}, 1000);',
          ].join('\n'),
        );
        const bundle = join(dir, `holder-${signal}.mjs`);
        await build({
          entryPoints: [script],
          bundle: true,
          platform: 'node',
          format: 'esm',
          outfile: bundle,
          logLevel: 'error',
        });
        const holder = spawn(process.execPath, [bundle], { stdio: ['ignore', 'pipe', 'inherit'] });
        const pid = Number(await firstLine(holder.stdout!));
        expect(alive(pid)).toBe(true);
        holder.kill(signal);
        await new Promise((resolve) => holder.once('exit', resolve));
        expect(await gone(pid)).toBe(true);
      },
    );
  });
});

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0]);
    });
    stream.once('end', () => reject(new Error(`no line: ${text}`)));
  });
}

/** Running (a zombie waiting for its parent's reaper counts as gone). */
function alive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    return readFileSync(stat, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (up to 15 s) for the process to end. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 150; i++) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
