import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileTree } from '../src/git/tree.js';
import type { MigrationEnvironment } from '../src/formats/alembic/environment.js';
import {
  discoverEnvironments,
  isRevisionFileName,
  listRevisionFiles,
} from '../src/formats/alembic/discover.js';
import { IniError, parseIni } from '../src/formats/alembic/ini.js';

/** A FileTree over an in-memory record of files. */
function memTree(files: Record<string, string>, links: Record<string, string> = {}): FileTree {
  return {
    label: 'memory',
    list: () => Promise.resolve([...Object.keys(files), ...Object.keys(links)].sort()),
    read: (p) => Promise.resolve(p in files ? Buffer.from(files[p]) : undefined),
    contentIds: (paths: readonly string[]) => Promise.resolve(paths.map(() => undefined)),
    links: () => Promise.resolve(new Map(Object.entries(links))),
  };
}

const rev = (id: string, down: string | null = null) =>
  `revision = '${id}'\ndown_revision = ${down ? `'${down}'` : 'None'}\n`;

async function discover(files: Record<string, string>, explicit?: string[]) {
  return discoverEnvironments(memTree(files), explicit);
}

const env = (e: Partial<MigrationEnvironment>): MigrationEnvironment => ({
  kind: 'alembic',
  path: 'migrations',
  source: 'alembic.ini',
  configFile: 'alembic.ini',
  versionLocations: ['migrations/versions'],
  recursive: false,
  ...e,
});

describe('ini reader', () => {
  it('reads sections, both delimiters, case-insensitive keys, comments, continuations and lines', () => {
    const doc = parseIni(
      [
        '# comment',
        '[alembic]',
        'Script_Location = %(here)s/migrations',
        'version_locations:',
        '    a',
        '',
        '    # a comment inside does not end the value',
        '    b',
        '; another comment',
        'url = postgresql://u:p@h/db  # not a comment: configparser has no inline comments',
        'pct = 100%%',
        'ref = %(Script_Location)s/x',
        '[other]',
        'k = v',
      ].join('\n'),
      { here: '/repo' },
    );
    expect([...doc.sections.keys()]).toEqual(['alembic', 'other']);
    expect(doc.get('alembic', 'SCRIPT_LOCATION')).toBe('/repo/migrations');
    expect(doc.option('alembic', 'script_location')?.line).toBe(3);
    expect(doc.get('alembic', 'version_locations')).toBe('\na\n\nb');
    expect(doc.option('alembic', 'version_locations')?.line).toBe(4);
    expect(doc.get('alembic', 'url')).toBe(
      'postgresql://u:p@h/db  # not a comment: configparser has no inline comments',
    );
    expect(doc.get('alembic', 'pct')).toBe('100%');
    expect(doc.get('alembic', 'ref')).toBe('/repo/migrations/x');
    expect(doc.get('other', 'here')).toBe('/repo'); // defaults reach every section
    expect(doc.get('other', 'missing')).toBeUndefined();
    expect(doc.get('nosection', 'k')).toBeUndefined();
  });

  it('fails like configparser, with the line', () => {
    const fail = (text: string) => {
      try {
        parseIni(text);
      } catch (e) {
        expect(e).toBeInstanceOf(IniError);
        return [(e as IniError).message, (e as IniError).line];
      }
      throw new Error('expected an IniError');
    };
    expect(fail('key = v\n[a]')).toEqual(['file contains no section headers', 1]);
    expect(fail('[a]\nx = 1\n\n[a]\n')).toEqual(["section 'a' already exists", 4]);
    expect(fail('[a]\nx = 1\nX: 2\n')).toEqual(["option 'x' in section 'a' already exists", 3]);
    expect(fail('[a]\nx = 1\njust words\ny = 2\n')).toEqual(["cannot parse line 3: 'just words'", 3]);
    const doc = parseIni('[a]\n\nbad = %(nope)s\npct = 5%\nloop = %(loop)s\n');
    expect(() => doc.get('a', 'bad')).toThrow(/nope/);
    expect(() => doc.get('a', 'pct')).toThrow(/'%' must be followed/);
    expect(() => doc.get('a', 'loop')).toThrow(/deeper than 10/);
    try {
      doc.get('a', 'bad');
    } catch (e) {
      expect((e as IniError).line).toBe(3);
    }
  });

  it('agrees with Python configparser on tricky input', () => {
    const text = [
      '[DEFAULT]',
      'base = /srv',
      '[alembic]',
      'script_location = %(base)s/app',
      '  continued = not a key',
      'empty =',
      'colon: a = b',
      'eq = a: b',
      '[third] trailing junk after the header',
      'x = 1',
      '[s2]',
      'multi =',
      '',
      '    one',
      '',
      '',
      '    two',
      '',
      'tabs\t=\tv\t',
      'base = override',
      'uses = %(base)s',
    ].join('\n');
    const py = `
import configparser, json, sys
p = configparser.ConfigParser({'here': '/h'})
p.read_string(sys.stdin.read())
print(json.dumps({s: {k: p.get(s, k) for k in p.options(s)} for s in p.sections()}))`;
    if (!existsSync('/usr/bin/python3')) return console.log('skipped: /usr/bin/python3 not available');
    const expected: unknown = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', py], { input: text, encoding: 'utf8' }),
    );
    const doc = parseIni(text, { here: '/h' });
    const ours: Record<string, Record<string, string>> = {};
    for (const s of doc.sections.values()) {
      const keys = new Set([...doc.defaults.keys(), ...s.options.keys()]);
      ours[s.name] = Object.fromEntries([...keys].map((k) => [k, doc.get(s.name, k)!]));
    }
    expect(ours).toEqual(expected);
  });
});

describe('discoverEnvironments', () => {
  it('resolves %(here)s and relative paths from the ini folder', async () => {
    const { environments, problems } = await discover({
      'services/api/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n',
      'services/api/migrations/env.py': '',
      'services/api/migrations/versions/a.py': rev('a'),
      'services/web/alembic.ini': '[alembic]\nscript_location = db\n',
      'services/web/db/env.py': '',
      'services/web/db/versions/b.py': rev('b'),
    });
    expect(problems).toEqual([]);
    expect(environments).toEqual([
      env({
        path: 'services/api/migrations',
        configFile: 'services/api/alembic.ini',
        versionLocations: ['services/api/migrations/versions'],
      }),
      env({
        path: 'services/web/db',
        configFile: 'services/web/alembic.ini',
        versionLocations: ['services/web/db/versions'],
        // Read from the ini's folder: Alembic must run there (%(here)s works from anywhere).
        runFrom: 'services/web',
      }),
    ]);
  });

  it('reads a relative path from the repository root where only that names a folder (`alembic -c svc/alembic.ini`)', async () => {
    const { environments, problems } = await discover({
      'svc/alembic.ini': '[alembic]\nscript_location = svc/mig\nversion_locations = svc/mig/versions more\n',
      'svc/mig/env.py': '',
      'svc/mig/versions/a.py': rev('a'),
      'svc/more/b.py': rev('b', 'a'),
    });
    expect(problems).toEqual([]);
    expect(environments).toEqual([
      env({
        path: 'svc/mig',
        configFile: 'svc/alembic.ini',
        // `more` names a folder from the ini's folder (svc/more), not from the root: read from there.
        versionLocations: ['svc/mig/versions', 'svc/more'],
      }),
    ]);
  });

  it('says which revisions a sourceless environment keeps only as bytecode (headsup reads source)', async () => {
    const files = {
      'm/env.py': '',
      'm/versions/a.py': rev('a'),
      'm/versions/a.pyc': '',
      'm/versions/__pycache__/a.cpython-311.pyc': '',
      'm/versions/__init__.pyc': '',
      'm/versions/b.pyc': '',
      'm/versions/__pycache__/c.cpython-311.pyc': '',
    };
    const plain = await discover({ ...files, 'alembic.ini': '[alembic]\nscript_location = m\n' });
    expect(plain.problems).toEqual([]);
    const { environments, problems } = await discover({
      ...files,
      'alembic.ini': '[alembic]\nscript_location = m\nsourceless = true\n',
    });
    expect(environments).toHaveLength(1);
    expect(problems).toEqual([
      {
        message:
          'alembic.ini: sourceless = true, and 2 revisions are kept only as bytecode (m/versions/__pycache__/c.cpython-311.pyc, …): headsup reads Python source, so they are not in the graph',
        file: 'alembic.ini',
        line: 3,
      },
    ]);
  });

  it('an empty entry in an old-style version_locations (`a ,b`) is said: Alembic would read the folder it runs in', async () => {
    const { environments, problems } = await discover({
      'alembic.ini': '[alembic]\nscript_location = m\nversion_locations = m/versions ,v2\n',
      'm/env.py': '',
      'm/versions/a.py': rev('a'),
      'v2/b.py': rev('b', 'a'),
    });
    expect(environments[0].versionLocations).toEqual(['m/versions', 'v2']);
    expect(problems).toEqual([
      {
        message:
          "alembic.ini: version_locations 'm/versions ,v2' has an empty entry (a space before a comma, two commas in a row, or one at the end): Alembic reads the folder it runs in as a version location too, and every .py file there as a revision; headsup leaves it out",
        file: 'alembic.ini',
        line: 3,
      },
    ]);
  });

  it('splits version_locations by each separator kind', async () => {
    const base = { 'm/env.py': '', 'a/x.py': '', 'b c/x.py': '', 'd/x.py': '' };
    const cases: [string, string[]][] = [
      ['path_separator = os\nversion_locations = %(here)s/a:b c', ['a', 'b c']],
      ['path_separator = :\nversion_locations = a:d', ['a', 'd']],
      ['path_separator = ;\nversion_locations = a; b c ;d', ['a', 'b c', 'd']],
      ['path_separator = space\nversion_locations = a  d', ['a', 'd']],
      ['path_separator = newline\nversion_locations =\n    a\n    b c', ['a', 'b c']],
      ['version_path_separator = ;\nversion_locations = a;d', ['a', 'd']],
      ['path_separator = ;\nversion_path_separator = :\nversion_locations = a;d', ['a', 'd']],
      ['version_locations = a, d m', ['a', 'd', 'm']],
    ];
    for (const [settings, expected] of cases) {
      const { environments, problems } = await discover({
        ...base,
        'alembic.ini': `[alembic]\nscript_location = m\n${settings}\n`,
      });
      expect(problems, settings).toEqual([]);
      expect(
        environments.map((e) => e.versionLocations),
        settings,
      ).toEqual([expected]);
    }
  });

  it('reports an invalid separator (the 1.8 template comment) and reads on with its first word', async () => {
    const { environments, problems } = await discover({
      'alembic.ini':
        '[alembic]\nscript_location = m\nversion_locations = a:b\nversion_path_separator = os  # Use os.pathsep.\n',
      'm/env.py': '',
    });
    expect(environments[0].versionLocations).toEqual(['a', 'b']);
    expect(problems).toEqual([
      {
        file: 'alembic.ini',
        line: 4,
        message: expect.stringContaining(
          "'os  # Use os.pathsep.' is not a valid value for version_path_separator",
        ),
      },
    ]);
  });

  it('flags a multi-line version_locations without path_separator', async () => {
    const { environments, problems } = await discover({
      'alembic.ini': '[alembic]\nscript_location = m\nversion_locations =\n  a\n  b\n',
      'm/env.py': '',
    });
    expect(environments[0].versionLocations).toEqual(['a', 'b']);
    expect(problems).toMatchObject([
      { file: 'alembic.ini', line: 3, message: expect.stringContaining('path_separator = newline') },
    ]);
  });

  it('reads [tool.alembic] from pyproject.toml, alone or under an alembic.ini', async () => {
    const toml = [
      '[project]',
      'name = "x"',
      'dependencies = ["alembic>=1.16"]',
      '',
      '[tool.alembic]',
      'script_location = "%(here)s/alembic"',
      'version_locations = ["%(here)s/alembic/versions", "%(here)s/plugins/versions"]',
      'recursive_version_locations = true',
    ].join('\n');
    const files = {
      'app/pyproject.toml': toml,
      'app/alembic/env.py': '',
      'app/alembic/versions/a.py': rev('a'),
    };
    const expected = env({
      path: 'app/alembic',
      source: 'pyproject.toml',
      configFile: 'app/pyproject.toml',
      versionLocations: ['app/alembic/versions', 'app/plugins/versions'],
      recursive: true,
    });
    expect(await discover(files)).toEqual({ environments: [expected], problems: [], templates: [] });
    // `alembic init -t pyproject` also writes an alembic.ini without script_location: ini keys win, toml fills in.
    const withIni = await discover({
      ...files,
      'app/alembic.ini': '[alembic]\nsqlalchemy.url = sqlite://\nrecursive_version_locations = false\n',
    });
    expect(withIni).toEqual({
      environments: [{ ...expected, recursive: false }],
      problems: [],
      templates: [],
    });
    // pyproject files without [tool.alembic] are ignored, broken ones that have it are reported.
    expect(await discover({ 'pyproject.toml': '[project]\nname = "x"\n' })).toEqual({
      environments: [],
      problems: [],
      templates: [],
    });
    const broken = await discover({ 'pyproject.toml': '[tool.alembic]\nscript_location = "x\n' });
    expect(broken.problems).toMatchObject([
      { file: 'pyproject.toml', line: 2, message: expect.stringMatching(/^cannot parse pyproject.toml/) },
    ]);
    const badBool = await discover({
      'pyproject.toml': '[tool.alembic]\nscript_location = "m"\nrecursive_version_locations = "yes"\n',
      'm/env.py': '',
    });
    expect(badBool.problems).toMatchObject([
      { file: 'pyproject.toml', line: 3, message: expect.stringContaining('boolean value expected') },
    ]);
  });

  it('lists revision files non-recursively or recursively, in load order, with the file filter', async () => {
    const files = {
      'alembic.ini': '[alembic]\nscript_location = m\n',
      'm/env.py': '',
      'm/versions/b.py': '',
      'm/versions/a.py': '',
      'm/versions/_helper.py': '',
      'm/versions/__init__.py': '',
      'm/versions/.#a.py': '',
      'm/versions/c.pyc': '',
      'm/versions/notes.txt': '',
      'm/versions/__pycache__/a.cpython-311.py': '',
      'm/versions/z/y.py': '',
      'm/versions/z/__init__.py': '',
      'm/versions/z/deeper/x.py': '',
      'm/versions/y/w.py': '',
      'm/versions/zz.py': '',
    };
    const tree = memTree(files);
    const [flat] = (await discoverEnvironments(tree)).environments;
    expect(await listRevisionFiles(tree, flat)).toEqual([
      'm/versions/_helper.py',
      'm/versions/a.py',
      'm/versions/b.py',
      'm/versions/zz.py',
    ]);
    const recursiveTree = memTree({
      ...files,
      'alembic.ini': '[alembic]\nscript_location = m\nrecursive_version_locations = true\n',
    });
    const [deep] = (await discoverEnvironments(recursiveTree)).environments;
    expect(deep.recursive).toBe(true);
    expect(await listRevisionFiles(recursiveTree, deep)).toEqual([
      'm/versions/_helper.py',
      'm/versions/a.py',
      'm/versions/b.py',
      'm/versions/zz.py',
      'm/versions/y/w.py',
      'm/versions/z/y.py',
      'm/versions/z/deeper/x.py',
    ]);
    // Overlapping locations load a file once, from the first location.
    const overlap = env({ versionLocations: ['m/versions/z', 'm/versions'], recursive: true });
    expect((await listRevisionFiles(tree, overlap)).slice(0, 3)).toEqual([
      'm/versions/z/y.py',
      'm/versions/z/deeper/x.py',
      'm/versions/_helper.py',
    ]);
    expect(isRevisionFileName('__init__2.py')).toBe(false);
    expect(isRevisionFileName('.hidden.py')).toBe(true);
  });

  it("orders names by code point, as Python's sorted() does, not by UTF-16 unit", async () => {
    // U+E000 sorts before U+1F600 in Python; UTF-16 code units (0xE000 vs 0xD83D) say the opposite.
    const names = ['a.py', '\u{1F600}_b.py', '\uE000_c.py', '\u{1F600}\u{1F601}.py', '\u{1F600}.py', 'é.py'];
    const files = Object.fromEntries(names.map((n) => [`v/${n}`, '']));
    const listed = await listRevisionFiles(memTree(files), env({ versionLocations: ['v'] }));
    const python = [...names].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(listed).toEqual(python.map((n) => `v/${n}`));
    expect(listed.indexOf('v/\uE000_c.py')).toBeLessThan(listed.indexOf('v/\u{1F600}_b.py'));
  });

  it('falls back to env.py beside versions/ when Alembic is configured in code', async () => {
    const { environments, problems } = await discover({
      'alembic.ini': '[alembic]\nscript_location = db/main\n',
      'db/main/env.py': '',
      'db/main/versions/a.py': rev('a'),
      'db/analytics/env.py': 'from alembic import context\n',
      'db/analytics/versions/b.py': rev('b'),
      'tools/env.py': 'from alembic import context\n', // no versions/ beside it
      'api/env.py': 'import os\n', // not Alembic's: its versions/ are API versions
      'api/versions/v1.py': 'ROUTES = []\n',
    });
    expect(problems).toEqual([]);
    expect(environments).toEqual([
      env({ path: 'db/main', versionLocations: ['db/main/versions'] }),
      {
        kind: 'alembic',
        path: 'db/analytics',
        source: 'env.py',
        versionLocations: ['db/analytics/versions'],
        recursive: false,
      },
    ]);
  });

  it('Flask-Migrate: an alembic.ini with no script_location beside env.py is no error; env.py finds it', async () => {
    const { environments, problems } = await discover({
      'migrations/alembic.ini':
        '[alembic]\n# template used to generate migration files\n\n[loggers]\nkeys = root\n',
      'migrations/env.py': 'from flask import current_app\nfrom alembic import context\n',
      'migrations/versions/a.py': rev('a'),
    });
    expect(problems).toEqual([]);
    expect(environments.map((e) => [e.path, e.source])).toEqual([['migrations', 'env.py']]);
    // Elsewhere, an [alembic] section without script_location is still a problem.
    const lone = await discover({ 'alembic.ini': '[alembic]\nsqlalchemy.url = x\n' });
    expect(lone.problems.map((p) => p.message)).toEqual([
      "No 'script_location' key found in configuration (alembic.ini)",
    ]);
  });

  it('uses explicit directories instead of discovery', async () => {
    const files = {
      'alembic.ini': '[alembic]\nscript_location = m\n',
      'm/env.py': '',
      'm/versions/a.py': rev('a'),
      'm/versions/sub/b.py': rev('b'),
      'other/c.py': rev('c'),
    };
    const tree = memTree(files);
    const { environments, problems } = await discoverEnvironments(tree, [
      'other/',
      './m',
      'other',
      '../x',
      '/abs',
      'm/versions/sub', // inside m/versions, which is read recursively: not a second environment
    ]);
    expect(environments).toEqual([
      { kind: 'alembic', path: 'other', source: 'explicit', versionLocations: ['other'], recursive: true },
      // a script directory: its revisions are under versions/, env.py is not one
      { kind: 'alembic', path: 'm', source: 'explicit', versionLocations: ['m/versions'], recursive: true },
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      "--migrations '../x' is outside the repository",
      "--migrations '/abs' is outside the repository",
    ]);
    expect(await listRevisionFiles(tree, environments[1])).toEqual([
      'm/versions/a.py',
      'm/versions/sub/b.py',
    ]);
  });

  it('finds several environments in one repository and merges configs that read the same folders', async () => {
    const { environments, problems } = await discover({
      'alembic.ini':
        '[alembic]\nscript_location = migrations\n\n[analytics]\nscript_location = analytics_db\n\n[loggers]\nkeys = root\n',
      'alembic-test.ini': '[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = sqlite://\n',
      'tox.ini': '[tox]\nenvlist = py3\nbroken line\n', // not an Alembic config: not even parsed
      'migrations/env.py': '',
      'migrations/versions/a.py': rev('a'),
      'analytics_db/env.py': '',
      'analytics_db/versions/b.py': rev('b'),
      'plugins/alembic.ini': '[alembic]\nscript_location = app.plugins:migrations\n',
      'src/app/__init__.py': '',
      'src/app/plugins/__init__.py': '',
      'src/app/plugins/migrations/env.py': '',
      'src/app/plugins/migrations/versions/c.py': rev('c'),
    });
    expect(problems).toEqual([]);
    expect(environments).toEqual([
      env({}),
      env({
        path: 'analytics_db',
        name: 'analytics_db [analytics]',
        versionLocations: ['analytics_db/versions'],
        configSection: 'analytics',
      }),
      env({
        path: 'src/app/plugins/migrations',
        configFile: 'plugins/alembic.ini',
        versionLocations: ['src/app/plugins/migrations/versions'],
      }),
    ]);
  });

  it('skips templates filled in at run time, unless the folder they name is really there', async () => {
    const found = await discover({
      'a/alembic.ini': '[alembic]\nscript_location = {alembic_dir}\n',
      'b/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\nversion_locations = ${VERSIONS}\n',
      'c/alembic.ini': '[alembic]\n{% if sqlite %}\nscript_location = m\n{% endif %}\n',
      'd/pyproject.toml': '[tool.alembic]\nscript_location = {{ cookiecutter.dir }}\n',
      // A cookiecutter repository has the folder, braces and all: that one is real.
      'e/alembic.ini': '[alembic]\nscript_location = {{cookiecutter.name}}\n',
      'e/{{cookiecutter.name}}/env.py': '',
      'e/{{cookiecutter.name}}/versions/a.py': rev('a'),
    });
    expect(found.problems).toEqual([]);
    expect(found.environments.map((e) => e.path)).toEqual(['e/{{cookiecutter.name}}']);
    expect(found.templates.map((t) => [t.file, t.line, t.message])).toEqual([
      [
        'a/alembic.ini',
        2,
        'a/alembic.ini looks like a template filled in at run time (script_location = {alembic_dir}): not an Alembic environment, skipped',
      ],
      [
        'b/alembic.ini',
        3,
        'b/alembic.ini looks like a template filled in at run time (version_locations = ${VERSIONS}): not an Alembic environment, skipped',
      ],
      [
        'c/alembic.ini',
        2,
        'c/alembic.ini looks like a template filled in at run time (it is not an ini file yet): not an Alembic environment, skipped',
      ],
      [
        'd/pyproject.toml',
        2,
        'd/pyproject.toml looks like a template filled in at run time (it is not TOML yet): not an Alembic environment, skipped',
      ],
    ]);
  });

  it('treats [alembic] holding only what `-n` sections share as no environment of its own', async () => {
    const { environments, problems } = await discover({
      'alembic.ini':
        '[alembic]\nsqlalchemy.url = sqlite://\n\n[users]\nscript_location = db/users\n\n[orders]\nscript_location = db/orders\n',
      'db/users/env.py': '',
      'db/orders/env.py': '',
    });
    expect(problems).toEqual([]);
    expect(environments.map((e) => e.path)).toEqual(['db/users', 'db/orders']);
  });

  it('reports broken config files with file and line, and keeps going', async () => {
    const { environments, problems } = await discover({
      'a/alembic.ini': '[alembic]\nscript_location = m\nscript_location = n\n',
      'b/alembic.ini': 'script_location = m\n',
      'c/alembic.ini': '[alembic]\nscript_location = %(nope)s/m\n',
      'd/alembic.ini': '[loggers]\nkeys = root\n',
      'e/alembic.ini': '[alembic]\nsqlalchemy.url = sqlite://\n',
      'f/alembic.ini': '[alembic]\nscript_location = m\n',
      'f/m/env.py': '',
    });
    expect(environments.map((e) => e.path)).toEqual(['f/m']);
    expect(problems).toEqual([
      {
        file: 'a/alembic.ini',
        line: 3,
        message: "cannot parse a/alembic.ini: option 'script_location' in section 'alembic' already exists",
      },
      {
        file: 'b/alembic.ini',
        line: 1,
        message: 'cannot parse b/alembic.ini: file contains no section headers',
      },
      {
        file: 'c/alembic.ini',
        line: 2,
        message: expect.stringMatching(
          /^c\/alembic.ini: bad value for 'script_location' in \[alembic\]: .*nope/,
        ),
      },
      { file: 'd/alembic.ini', message: 'd/alembic.ini has no [alembic] section with script_location' },
      {
        file: 'e/alembic.ini',
        line: 1,
        message: "No 'script_location' key found in configuration (e/alembic.ini)",
      },
    ]);
  });

  it('follows symbolic links to folders along a location, as the file system does', async () => {
    const tree = memTree(
      {
        'alembic.ini': '[alembic]\nscript_location = migrations\n',
        'real_m/env.py': 'import alembic',
        'real_m/versions/a.py': '',
        'svc/alembic.ini': '[alembic]\nscript_location = m\n',
        'svc/m/env.py': '',
        'shared/versions/b.py': '',
        'other/alembic.ini': '[alembic]\nscript_location = m\n',
        'other/real/env.py': '',
        'other/real/versions/c.py': '',
      },
      {
        migrations: 'real_m', // the script folder is a link
        'svc/m/versions': '../../shared/versions', // its versions folder is
        'other/m': 'hop', // two links in a row
        'other/hop': './real',
        'loop/a': 'b',
        'loop/b': 'a',
        'out/x': '../../outside',
      },
    );
    const { environments, problems } = await discoverEnvironments(tree);
    expect(problems).toEqual([]);
    expect(environments.map((e) => [e.path, e.versionLocations])).toEqual([
      ['real_m', ['real_m/versions']],
      ['other/real', ['other/real/versions']],
      ['svc/m', ['shared/versions']],
    ]);
    const files = await Promise.all(environments.map((e) => listRevisionFiles(tree, e)));
    expect(files).toEqual([['real_m/versions/a.py'], ['other/real/versions/c.py'], ['shared/versions/b.py']]);
    // --migrations through a link; a loop or a link leaving the repository is a folder that is not there.
    const explicit = await discoverEnvironments(tree, ['svc/m/versions', 'loop/a']);
    expect(explicit.environments.map((e) => e.versionLocations)).toEqual([['shared/versions'], ['loop/a']]);
    const broken = await discoverEnvironments(
      memTree({ 'alembic.ini': '[alembic]\nscript_location = out/x\n' }, { 'out/x': '../../outside' }),
    );
    expect(broken.problems.map((p) => p.message)).toEqual([
      "alembic.ini: script_location 'out/x' is not a folder in this tree",
    ]);
  });

  it('shows a very long configured value by its start, not whole', async () => {
    const long = 'x'.repeat(5000);
    const { problems } = await discover({ 'alembic.ini': `[alembic]\nscript_location = ${long}\n` });
    expect(problems.map((p) => p.message)).toEqual([
      `alembic.ini: script_location '${'x'.repeat(100)}… (5000 characters)' is not a folder in this tree`,
    ]);
  });

  it('reports locations outside the repository instead of crashing', async () => {
    const { environments, problems } = await discover({
      'alembic.ini': '[alembic]\nscript_location = ../shared/migrations\n',
      'x/alembic.ini': '[alembic]\nscript_location = /app/migrations\n',
      'y/alembic.ini':
        '[alembic]\nscript_location = %(here)s/m\nversion_locations = %(here)s/m/versions %(here)s/../../elsewhere\n',
      'y/m/env.py': '',
      'z/alembic.ini': '[alembic]\nscript_location = nosuchpkg:migrations\n',
      'w/alembic.ini': '[alembic]\nscript_location = gone\n',
    });
    expect(environments.map((e) => [e.path, e.versionLocations])).toEqual([
      ['w/gone', ['w/gone/versions']],
      ['y/m', ['y/m/versions']],
    ]);
    expect(problems).toEqual([
      {
        file: 'alembic.ini',
        line: 2,
        message: "alembic.ini: script_location '../shared/migrations' points outside the repository",
      },
      {
        file: 'w/alembic.ini',
        line: 2,
        message: "w/alembic.ini: script_location 'gone' (w/gone) is not a folder in this tree",
      },
      {
        file: 'x/alembic.ini',
        line: 2,
        message:
          "x/alembic.ini: script_location '/app/migrations' is an absolute path outside the repository",
      },
      {
        file: 'y/alembic.ini',
        line: 3,
        message: "y/alembic.ini: version_locations '%(here)s/../../elsewhere' points outside the repository",
      },
      {
        file: 'z/alembic.ini',
        line: 2,
        message:
          "z/alembic.ini: script_location 'nosuchpkg:migrations' names package 'nosuchpkg', which is not in the repository",
      },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Differential: the real Alembic (Debian's 1.8.1 under /usr/bin/python3) on the same files.

const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function alembicAvailable(): string | undefined {
  if (!existsSync('/usr/bin/python3')) return undefined;
  try {
    return execFileSync('/usr/bin/python3', ['-c', 'import alembic; print(alembic.__version__)'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return undefined;
  }
}

/** Writes the files, asks Alembic for the Script paths in the order `_load_revisions` yields them. */
function alembicLoadOrder(files: Record<string, string>): {
  order: string[];
  versionLocations: string[] | null;
} {
  const dir = mkdtempSync(join(tmpdir(), 'headsup-alembic-'));
  tmpDirs.push(dir);
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  const py = `
import json, os, sys
from alembic.config import Config
from alembic.script import ScriptDirectory
root = sys.argv[1]
os.chdir(root)
sd = ScriptDirectory.from_config(Config(os.path.join(root, 'alembic.ini')))
print(json.dumps({
  'order': [os.path.relpath(s.path, root) for s in sd._load_revisions()],
  'versionLocations': sd.version_locations and [os.path.relpath(os.path.abspath(v), root) for v in sd.version_locations],
}))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, dir], { encoding: 'utf8' }));
}

describe('against Alembic itself', () => {
  const version = alembicAvailable();
  const files: Record<string, string> = {
    'm/env.py': '',
    'm/script.py.mako': '',
    'm/versions/0003_c.py': rev('c', 'b'),
    'm/versions/0001_a.py': rev('a'),
    'm/versions/0002_b.py': rev('b', 'a'),
    'm/versions/_helper.py': rev('helper'),
    'm/versions/__init__.py': 'raise SystemExit("__init__ must not be loaded")',
    'm/versions/__init__copy.py': 'raise SystemExit("__init__* must not be loaded")',
    'm/versions/.#0001_a.py': 'raise SystemExit("editor lock files must not be loaded")',
    'm/versions/readme.txt': 'not python',
    'm/versions/0001_a.pyc': 'not loaded unless sourceless',
    'm/versions/__pycache__/x.cpython-311.pyc': '',
    'm/versions/sub/0004_d.py': rev('d', 'c'),
    'extra/0005_e.py': rev('e', 'd'),
  };

  it.runIf(version)('loads the same files as Alembic, in sorted order (non-recursive)', async () => {
    const settingsList = [
      '',
      'version_locations = %(here)s/m/versions extra',
      'version_locations = m/versions,extra',
      'version_path_separator = ;\nversion_locations = m/versions;extra',
      'version_path_separator = os\nversion_locations = %(here)s/extra:m/versions',
      'version_path_separator = space\nversion_locations = m/versions extra',
    ];
    for (const settings of settingsList) {
      const all = { ...files, 'alembic.ini': `[alembic]\nscript_location = m\n${settings}\n` };
      const alembic = alembicLoadOrder(all);
      const tree = memTree(all);
      const { environments, problems } = await discoverEnvironments(tree);
      expect(problems).toEqual([]);
      if (alembic.versionLocations)
        expect(environments[0].versionLocations).toEqual(alembic.versionLocations);
      const ours = await listRevisionFiles(tree, environments[0]);
      // 1.8.1 lists each folder with os.listdir (file-system order); upstream 1.10+ sorts, and so do we.
      // Same files, and per location our order is Alembic's sorted.
      expect([...ours].sort()).toEqual([...alembic.order].sort());
      const byLocation = (paths: string[]) =>
        environments[0].versionLocations.map((l) => paths.filter((p) => dirname(p) === l).sort());
      expect(byLocation(ours)).toEqual(byLocation(alembic.order));
      expect(ours).toEqual(byLocation(alembic.order).flat());
    }
  });

  it.runIf(version)('recursive_version_locations (Alembic 1.10+)', async () => {
    const all = {
      ...files,
      'alembic.ini': '[alembic]\nscript_location = m\nrecursive_version_locations = true\n',
    };
    const alembic = alembicLoadOrder(all);
    const supports = !alembic.order.every((p) => dirname(p) === 'm/versions');
    const tree = memTree(all);
    const ours = await listRevisionFiles(tree, (await discoverEnvironments(tree)).environments[0]);
    expect(ours).toEqual([
      'm/versions/0001_a.py',
      'm/versions/0002_b.py',
      'm/versions/0003_c.py',
      'm/versions/_helper.py',
      'm/versions/sub/0004_d.py',
    ]);
    if (!supports) {
      // Alembic 1.8.1 has no recursive_version_locations (added in 1.10): it ignores the key and the
      // subfolder. Nothing to compare the walk order with here; upstream's os.walk order is what we mirror.
      console.log(
        `skipped recursive comparison: Alembic ${version} does not support recursive_version_locations`,
      );
      expect([...alembic.order].sort()).toEqual(ours.filter((p) => dirname(p) === 'm/versions'));
      return;
    }
    expect(ours).toEqual(alembic.order);
  });

  it.skipIf(version)('needs Alembic under /usr/bin/python3', () => {
    console.log('skipped: Alembic is not importable from /usr/bin/python3');
  });
});
