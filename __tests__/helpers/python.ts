import { spawn } from 'node:child_process';
import { PYTHON } from './alembic.js';

export interface PythonRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when it had to be killed after timeoutMs. */
  timedOut: boolean;
}

/**
 * Runs a Python snippet with Debian's interpreter (its drivers: psycopg2, asyncpg, pymysql …), always
 * asynchronously: a synchronous child would block the event loop that may be serving its database.
 * Arguments are sys.argv[1:].
 */
export function runPython(
  code: string,
  args: (string | number)[] = [],
  timeoutMs = 30_000,
): Promise<PythonRun> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, ['-c', code, ...args.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
