import * as core from '@actions/core';
import { existsSync, readdirSync } from 'node:fs';
import { loadVendor } from '../databases/vendor.js';
import { warmBaseDir } from '../dryrun/warm-base.js';

/**
 * The warm bases (src/dryrun/warm-base.ts) between workflow runs, through the Actions cache: restored before
 * the check (the newest saved by any run), saved after it under this run's own key when the check made a new
 * one. A cache service that is missing or failing costs the run nothing but the warm start.
 */
const PREFIX = 'headsup-pglite-';

function bases(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.tar.zst'))
        .sort()
    : [];
}

export interface BaseCache {
  /** Saves the folder when the check added a warm base to it. */
  save(): Promise<void>;
}

export async function restoreBaseCache(runKey: string): Promise<BaseCache> {
  const dir = warmBaseDir();
  const none: BaseCache = { save: async () => {} };
  // The cache service's address (v2, and GHES's v1): without one, the vendored client is not even loaded.
  if (!dir || !(process.env.ACTIONS_RESULTS_URL || process.env.ACTIONS_CACHE_URL)) return none;
  let cache: Awaited<ReturnType<typeof loadVendor<'actions-cache'>>>;
  try {
    cache = await loadVendor('actions-cache');
    if (!cache.isFeatureAvailable()) return none;
    const restored = await cache.restoreCache([dir], `${PREFIX}${runKey}`, [PREFIX]);
    core.info(
      restored
        ? `headsup: warm bases restored from the Actions cache (${restored})`
        : 'headsup: no warm base in the Actions cache yet',
    );
  } catch (e) {
    core.info(
      `headsup: the Actions cache could not be read (${(e as Error).message.split('\n')[0]}); the base is replayed`,
    );
    return none;
  }
  const before = bases(dir).join();
  return {
    async save() {
      if (bases(dir).join() === before) return;
      try {
        await cache.saveCache([dir], `${PREFIX}${runKey}`);
      } catch (e) {
        core.info(`headsup: the warm base could not be saved (${(e as Error).message.split('\n')[0]})`);
      }
    },
  };
}
