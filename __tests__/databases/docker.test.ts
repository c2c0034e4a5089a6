import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { providerFor } from '../../src/databases/index.js';
import { containerPlan } from '../../src/databases/docker/plan.js';
import { loadVendor } from '../../src/databases/vendor.js';
import { parseDatabaseSpec } from '../../src/database-spec.js';
import { bundled } from '../helpers/bundle.js';

// Whether this machine has a container runtime (the machines here have none: only the client).
const noDocker = await loadVendor('testcontainers')
  .then((tc) => tc.getContainerRuntimeClient())
  .then(
    () => undefined,
    (e: Error) => e.message,
  );
if (noDocker) console.log(`skipping the Docker integration test: no container runtime (${noDocker})`);

describe('docker: databases', () => {
  it('plans each image with its server, port and credentials', () => {
    const pg = containerPlan('postgres', '16');
    expect(pg).toMatchObject({ image: 'postgres:16', engine: 'postgresql', port: 5432 });
    expect(pg.url('localhost', 32768)).toBe('postgres://headsup:headsup@localhost:32768/headsup');
    expect(containerPlan('mysql', '8')).toMatchObject({ image: 'mysql:8', engine: 'mysql', port: 3306 });
    expect(containerPlan('mariadb', '11').env).toEqual({ MARIADB_ROOT_PASSWORD: 'headsup' });
    expect(containerPlan('mariadb', '11').url('h', 1)).toBe('mysql://root:headsup@h:1/');
  });

  it('are named by the spec and have its engine', () => {
    const pg = providerFor(parseDatabaseSpec('docker:postgres:16'), 'postgresql');
    expect([pg.name, pg.engine]).toEqual(['docker:postgres:16', 'postgresql']);
    const maria = providerFor(parseDatabaseSpec('docker:mariadb:11'), 'mysql');
    expect([maria.name, maria.engine]).toEqual(['docker:mariadb:11', 'mysql']);
  });

  it.skipIf(!noDocker)('are unavailable without Docker, saying what to do instead', async () => {
    const error = await providerFor(parseDatabaseSpec('docker:postgres:16'), 'postgresql')
      .create()
      .catch((e) => e);
    expect(error.name).toBe('DatabaseUnavailable');
    expect(error.message).toMatch(
      /^--database docker:postgres:16 needs Docker, and no container runtime answered \(Could not find a working container runtime strategy\): start Docker or set DOCKER_HOST, or use --database pglite or a server URL\.$/,
    );
  });

  it('load testcontainers from the bundle, with no node_modules, and probe as from the sources', async () => {
    const vendor = join(bundled('cli.js'), '..', 'vendor', 'testcontainers.cjs');
    const script = `import(process.argv[1]).then((m) => m.default.getContainerRuntimeClient()).then(() => console.log('runtime'), (e) => console.log(e.message))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, vendor], { cwd: '/' });
    expect(stdout.trim()).toBe(noDocker ?? 'runtime');
  });

  // Needs a Docker engine: none on these machines (reason printed above).
  it.skipIf(!!noDocker)('start a PostgreSQL container, make a database in it, and remove it', async () => {
    const db = await providerFor(parseDatabaseSpec('docker:postgres:16-alpine'), 'postgresql').create();
    try {
      expect(db.description).toMatch(/^PostgreSQL 16\.\d+ \(Docker postgres:16-alpine\)$/);
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.dispose();
    }
  });
});
