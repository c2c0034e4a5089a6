import type { RunnerConfig } from '../../src/formats/alembic/runner/protocol.js';
import {
  startRunner,
  type AlembicRunner,
  type RunnerCommand,
} from '../../src/formats/alembic/runner/runner.js';
import type { RunResult } from '../../src/formats/alembic/runner/result.js';
import { PYTHON } from './alembic.js';
import { alembicProject, type Project, type ProjectOptions } from './alembic-project.js';
import { scratchMariaDb, scratchPostgres, type ScratchDb } from './scratch-db.js';

/**
 * What one test file creates (databases, projects, runners), all released by cleanup() in afterAll, even when
 * a test failed half-way.
 */
export function runnerSession() {
  const dbs: ScratchDb[] = [];
  const runners: AlembicRunner[] = [];
  const projects: Project[] = [];
  return {
    async postgres(): Promise<ScratchDb> {
      const db = await scratchPostgres();
      dbs.push(db);
      return db;
    },
    async mariadb(): Promise<ScratchDb> {
      const db = await scratchMariaDb();
      dbs.push(db);
      return db;
    },
    project(opts: ProjectOptions): Project {
      const project = alembicProject(opts);
      projects.push(project);
      return project;
    },
    async start(config: RunnerConfig, python = PYTHON): Promise<AlembicRunner> {
      const runner = await startRunner({ python, config });
      runners.push(runner);
      return runner;
    },
    async cleanup(): Promise<void> {
      await Promise.allSettled(runners.map((r) => r.close()));
      await Promise.allSettled(dbs.map((db) => db.drop()));
      for (const project of projects) project.remove();
    },
  };
}

/** The usual config: the project's alembic.ini, DATABASE_URL set, a generous statement timeout, locks traced. */
export function runnerConfig(
  project: Project,
  db: ScratchDb,
  extra: Partial<RunnerConfig> = {},
): RunnerConfig {
  return {
    root: project.root,
    configFile: project.ini,
    target: db.target,
    urlVariables: ['DATABASE_URL'],
    statementTimeoutMs: 20_000,
    traceLocks: true,
    ...extra,
  };
}

/** Runs a command that must succeed; on failure the assertion message carries the runner's own. */
export async function runOk(runner: AlembicRunner, command: RunnerCommand): Promise<RunResult> {
  const result = await runner.run(command, { timeoutMs: 30_000 });
  if (!result.ok) {
    throw new Error(`${command.cmd} failed: ${JSON.stringify(result.failure, null, 2)}\n${result.output}`);
  }
  return result;
}

/** "revision:direction" of each step, to compare sequences at a glance. */
export function stepNames(result: RunResult): string[] {
  return result.steps.map((s) => `${s.revision}:${s.direction}`);
}
