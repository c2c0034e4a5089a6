import type { StartedTestContainer } from 'testcontainers';
import type { CreateOptions, DatabaseProvider, Engine, ThrowawayDatabase } from '../types.js';
import { DatabaseUnavailable } from '../types.js';
import { keepAlive } from '../registry.js';
import { within } from '../timeout.js';
import { loadVendor } from '../vendor.js';
import { PostgresProvider } from '../postgres/provider.js';
import { MysqlProvider } from '../mysql/provider.js';
import { containerPlan, type ContainerPlan, type DockerImage } from './plan.js';

/** How long to wait for testcontainers to find a container runtime; with none it answers in milliseconds. */
const PROBE_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 180_000; // pulling an image on a cold runner
/** How long a stopping container gets before it is killed. */
const STOP_MS = 4_000;

/**
 * A database server in a container started through testcontainers (loaded only here: importing it costs
 * ~0.5 s), then a throwaway database in it as on any server. Its Ryuk sidecar removes the container even
 * if this process is killed.
 */
export class DockerProvider implements DatabaseProvider {
  readonly name: string;
  readonly engine: Engine;
  private readonly plan: ContainerPlan;

  constructor(image: DockerImage, tag: string) {
    this.name = `docker:${image}:${tag}`;
    this.plan = containerPlan(image, tag);
    this.engine = this.plan.engine;
  }

  async create(opts: CreateOptions = {}): Promise<ThrowawayDatabase> {
    const tc = await this.runtime();
    const plan = this.plan;
    const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let container: StartedTestContainer | undefined;
    const stop = keepAlive(async () => {
      await container?.stop({ timeout: STOP_MS });
    });
    try {
      let generic = new tc.GenericContainer(plan.image)
        .withEnvironment(plan.env)
        .withExposedPorts(plan.port)
        .withStartupTimeout(Math.max(1, deadline - Date.now()));
      if (plan.command) generic = generic.withCommand(plan.command);
      container = await generic.start();
    } catch (e) {
      await stop();
      throw new DatabaseUnavailable(`Cannot start ${plan.image} in Docker: ${(e as Error).message}`);
    }
    const url = plan.url(container.getHost(), container.getMappedPort(plan.port));
    try {
      const inner = await this.serverDatabase(url, deadline, opts);
      return {
        ...inner,
        description: `${inner.description.replace(/ \(.*\)$/, '')} (Docker ${plan.image})`,
        dispose: async () => {
          await inner.dispose();
          await stop();
        },
      };
    } catch (e) {
      await stop();
      throw e;
    }
  }

  /** testcontainers, once it has found a container runtime; DatabaseUnavailable saying how to get one. */
  private async runtime(): Promise<typeof import('testcontainers')> {
    const tc = await loadVendor('testcontainers');
    try {
      await within(tc.getContainerRuntimeClient(), PROBE_MS, `no answer within ${PROBE_MS / 1000} s`);
    } catch (e) {
      throw new DatabaseUnavailable(
        `--database ${this.name} needs Docker, and no container runtime answered (${(e as Error).message}): ` +
          `start Docker or set DOCKER_HOST, or use --database pglite or a server URL.`,
      );
    }
    return tc;
  }

  /** The server in a fresh container may refuse connections for a moment: try until the deadline. */
  private async serverDatabase(
    url: string,
    deadline: number,
    opts: CreateOptions,
  ): Promise<ThrowawayDatabase> {
    const provider = this.engine === 'postgresql' ? new PostgresProvider(url) : new MysqlProvider(url);
    for (;;) {
      try {
        return await provider.create({ ...opts, timeoutMs: Math.max(1_000, deadline - Date.now()) });
      } catch (e) {
        const retry = e instanceof DatabaseUnavailable && e.message.startsWith('Cannot connect');
        if (!retry || Date.now() > deadline) throw e;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
}
