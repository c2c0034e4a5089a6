import { execFileSync } from 'node:child_process';

/** Integration tests run the real bundle (dist/), as users and GitHub do: build it once first. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
