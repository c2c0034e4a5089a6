// `node --import ./__tests__/helpers/ts-hooks.mjs file.ts` runs the TypeScript sources directly (Node's type
// stripping): their imports name `./x.js`, which this maps to `./x.ts` where only the latter exists. For
// child processes of tests (signals, crashes) that must run the real sources outside vitest.
import { registerHooks } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.startsWith('file:')) {
      const ts = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
      if (!existsSync(fileURLToPath(new URL(specifier, context.parentURL))) && existsSync(fileURLToPath(ts)))
        return nextResolve(ts.href, context);
    }
    return nextResolve(specifier, context);
  },
});
