import { execFileSync } from 'node:child_process';

/** The words a POSIX shell makes of a command line (run in `cwd`): what the command would be handed. */
export function shellWords(line: string, cwd?: string): string[] {
  const out = execFileSync('sh', ['-c', `set -- ${line}; printf '%s\\0' "$@"`], { cwd, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}
