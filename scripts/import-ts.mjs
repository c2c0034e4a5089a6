// A project .ts module for the build scripts, compiled by esbuild rather than Node's type stripping: the build
// then runs on whatever Node runs npm (the hooks and some machines have Node 20; the CLI itself asks for 24).
import { build } from 'esbuild';

export async function importTs(file) {
  const { outputFiles } = await build({
    entryPoints: [file],
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].contents).toString('base64')}`);
}
