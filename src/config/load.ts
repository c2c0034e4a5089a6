import type { FileTree } from '../git/tree.js';
import type { Finding } from '../report/model.js';
import { vendored } from '../vendored.js';
import { configFindings, DEFAULT_CONFIG_FILE, emptyConfig, type HeadsupConfig } from './config.js';
import { parseConfig, type YamlModule } from './parse.js';

/**
 * The config of the tree that will land: `path` (--config, the action's `config` input) or `.headsup.yml` at
 * the root when it exists. A named file that is missing is an error; problems inside are findings, and the
 * valid rest applies. The YAML parser loads only when there is a file to read.
 */
export async function loadConfig(
  tree: FileTree,
  path: string | undefined,
  known: ReadonlySet<string>,
): Promise<{ config: HeadsupConfig; findings: Finding[] }> {
  const file = path ?? DEFAULT_CONFIG_FILE;
  const text = await tree.read(file).catch(() => undefined);
  if (text === undefined)
    return {
      config: emptyConfig(),
      findings: path
        ? [
            {
              rule: 'config-error',
              severity: 'error',
              environment: '',
              file,
              message: `${file}: no such file in ${tree.label}`,
            },
          ]
        : [],
    };
  const yaml = await vendored<YamlModule>('yaml.cjs', 'yaml');
  const { config, issues } = parseConfig(text.toString('utf8'), known, yaml);
  config.file = file;
  return { config, findings: configFindings(file, issues) };
}
