import { readFileSync } from 'node:fs';

declare const __HEADSUP_VERSION__: string | undefined;

/** Injected by the bundler; tests run from source and read package.json instead. */
export const VERSION: string =
  typeof __HEADSUP_VERSION__ === 'string'
    ? __HEADSUP_VERSION__
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
        .version;
