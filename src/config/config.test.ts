import { describe, expect, it } from 'vitest';
import type { Finding } from '../report/model.js';
import { applyRuleSettings, configFindings, sqlSettings, tableSizesFrom } from './config.js';
import * as yamlModule from 'yaml';
import { parseConfig as parseWith } from './parse.js';

const parseConfig = (text: string, known: ReadonlySet<string>) => parseWith(text, known, yamlModule);

const known = new Set(['drop-column', 'missing-lock-timeout', 'create-index-not-concurrently']);

describe('.headsup.yml', () => {
  it('reads every section', () => {
    const { config, issues } = parseConfig(
      [
        'rules:',
        '  drop-column: off',
        '  missing-lock-timeout: warning',
        '  create-index-not-concurrently: error',
        'postgres:',
        '  version: 15',
        '  lock-timeout: true',
        'mysql:',
        '  version: "10.11-MariaDB"',
        'tables:',
        '  sizes:',
        '    orders: 40000000',
        '    audit.events: 12',
        '  size-query: SELECT relname, n_live_tup FROM pg_stat_user_tables',
      ].join('\n'),
      known,
    );
    expect(issues).toEqual([]);
    expect([...config.rules]).toEqual([
      ['drop-column', 'off'],
      ['missing-lock-timeout', 'warning'],
      ['create-index-not-concurrently', 'error'],
    ]);
    expect(config.postgres).toEqual({ version: '15', lockTimeout: true });
    expect(config.mysql).toEqual({ version: '10.11-MariaDB' });
    expect([...config.tables.sizes]).toEqual([
      ['orders', 40_000_000],
      ['audit.events', 12],
    ]);
    expect(config.tables.sizeQuery).toBe('SELECT relname, n_live_tup FROM pg_stat_user_tables');
    expect(sqlSettings(config)).toEqual({
      postgresVersion: '15',
      mysqlVersion: '10.11-MariaDB',
      lockTimeout: true,
    });
  });

  it('names each problem on its line, and keeps the valid rest', () => {
    const { config, issues } = parseConfig(
      [
        'rules:',
        '  drop-column: maybe',
        '  drop-colum: off',
        'postgres:',
        '  version: fifteen',
        '  timeout: 5',
        'tables:',
        '  sizes:',
        '    orders: -1',
        'extras: 1',
        'mysql:',
        '  version: "8.0"',
      ].join('\n'),
      known,
    );
    expect(issues).toEqual([
      {
        line: 2,
        severity: 'error',
        message: '`rules.drop-column` must be one of off, notice, warning, error',
      },
      {
        line: 3,
        severity: 'warning',
        message: '`drop-colum` is not a rule headsup knows (`headsup rules` lists them)',
      },
      {
        line: 5,
        severity: 'error',
        message: '`postgres.version` must be a version such as 15, 8.0.36 or 10.11-MariaDB',
      },
      { line: 6, severity: 'error', message: '`postgres.timeout` is not a setting (version, lock-timeout)' },
      { line: 9, severity: 'error', message: '`tables.sizes.orders` must be a whole number of rows' },
      { line: 10, severity: 'error', message: '`extras` is not a section (rules, postgres, mysql, tables)' },
    ]);
    expect(config.mysql.version).toBe('8.0');
    expect(configFindings('.headsup.yml', issues.slice(0, 1))).toEqual([
      {
        rule: 'config-error',
        severity: 'error',
        environment: '',
        file: '.headsup.yml',
        line: 2,
        message: '.headsup.yml: `rules.drop-column` must be one of off, notice, warning, error',
      },
    ]);
  });

  it('reports YAML syntax errors on their line, and takes an empty file as no settings', () => {
    expect(parseConfig('rules:\n  a: [1\n', known).issues[0]).toMatchObject({ severity: 'error', line: 3 });
    expect(parseConfig('', known)).toMatchObject({ issues: [] });
    expect(parseConfig('- a\n', known).issues[0].message).toContain('must be a mapping');
  });

  it('turns rules off and changes severities on any finding', () => {
    const f = (rule: string): Finding => ({ rule, severity: 'warning', message: rule, environment: 'm' });
    const { config } = parseConfig(
      'rules:\n  drop-column: off\n  create-index-not-concurrently: error\n',
      known,
    );
    expect(
      applyRuleSettings([f('drop-column'), f('create-index-not-concurrently'), f('drop-table')], config),
    ).toEqual([{ ...f('create-index-not-concurrently'), severity: 'error' }, f('drop-table')]);
  });

  it('takes a size query’s rows as (table, rows), numbers or numeric strings', () => {
    expect([
      ...tableSizesFrom([
        ['orders', '40000000'],
        ['users', 12],
        ['bad', 'x'],
        [1, 2],
      ]),
    ]).toEqual([
      ['orders', 40_000_000],
      ['users', 12],
    ]);
  });
});
