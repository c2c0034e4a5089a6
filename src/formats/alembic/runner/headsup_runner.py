"""headsup's Alembic runner: runs a sequence of Alembic commands in one process, inside the user's Python
environment, against a throwaway database, and reports every statement executed.

Protocol (see protocol.ts): JSON lines on file descriptor 3, both ways. Commands come from Node, messages go
back; stdout and stderr are left to the user's code (Node captures them for error messages). The config is
the JSON RunnerConfig in the HEADSUP_RUNNER_CONFIG environment variable.

Compatibility: Python 3.8+, Alembic 1.8 to 1.18, SQLAlchemy 1.4 and 2.x. Only Alembic 1.8.1 with SQLAlchemy
1.4.46 runs on the machine this was written on (tests run it); for the newer versions every API below was
read in the upstream sources (sqlalchemy/sqlalchemy main, sqlalchemy/alembic main):
- sqlalchemy/engine/create.py: create_engine(url, **kw) pops `_is_async` and picks the async dialect class;
  engine_from_config ends in the module-level `create_engine(url, **options)`.
- sqlalchemy/ext/asyncio/engine.py: `from ...engine import create_engine as _create_engine`;
  create_async_engine sets kw["_is_async"] = True, turns async_creator into creator, then calls it;
  async_engine_from_config calls create_async_engine. Hence one function to replace (patch_create_engine).
- sqlalchemy/engine/url.py: make_url, URL.create(drivername, username, password, host, port, database,
  query), URL.render_as_string(hide_password=), URL.get_dialect(_is_async=) (2.x; 1.4 has no argument).
- sqlalchemy/engine/base.py: Connection.connection is the pool-proxied DBAPI connection (.cursor()) in
  1.4 and 2.x; events before/after_cursor_execute(conn, cursor, statement, parameters, context,
  executemany) and handle_error(ExceptionContext) on the Engine class, "connect" on the Pool class.
- alembic/runtime/migration.py: RevisionStep.__init__ sets self.migration_fn to the module's upgrade or
  downgrade; run_migrations calls step.migration_fn(**kw), then updates the version table, then calls each
  on_version_apply(ctx=, step=, heads=, run_args=); the MigrationContext.bind property.
- alembic/runtime/environment.py: EnvironmentContext.configure(..., transaction_per_migration,
  output_buffer, on_version_apply, **kw); is_offline_mode(); .script.
- alembic/script/base.py: ScriptDirectory.run_env() loads env.py; _version_locations (private, with a
  fallback to <script dir>/versions); Config(file_, ini_section=), toml_file= from 1.16.
- Model drift (the `drift` command), read in alembic main (1.18/1.19) against the installed 1.8.1:
  command.py `check` (1.9+) runs env.py in an EnvironmentContext whose fn runs the autogenerate comparison and
  returns []; `current` passes dont_mutate=True, which MigrationContext.run_migrations (runtime/migration.py,
  1.8 and main) reads to skip _ensure_version_table. autogenerate/api.py: compare_metadata(context, metadata)
  = produce_migrations(context, metadata).upgrade_ops.as_diffs(); AutogenContext(migration_context, metadata)
  reads include_object / include_name and everything else from migration_context.opts (the dict env.py's
  context.configure filled: environment.py puts target_metadata, include_*, compare_type,
  compare_server_default, render_as_batch and **kw such as 1.18's autogenerate_plugins in it) and takes a
  MetaData or a sequence of them (util.to_list). 1.18 moved the comparators into plugins
  (autogenerate/compare/*.py); they still emit the same ops (check constraints as Add/DropConstraintOp).
  operations/ops.py to_diff_tuple: ("add_table"|"remove_table", Table), ("add_column"|"remove_column",
  schema, table, Column), AlterColumnOp -> a list of ("modify_type"|"modify_nullable"|"modify_default"|
  "modify_comment", schema, table, column, existing_kw, database value, models value), ("add_index"|
  "remove_index", Index), ("add_constraint"|"remove_constraint"|"add_fk"|"remove_fk", Constraint),
  ("add_table_comment", Table, existing), ("remove_table_comment", Table). SQLAlchemy 1.4 and 2.x alike:
  TypeEngine.compile(dialect=), Index.expressions, ForeignKey.target_fullname, DefaultClause.arg.
"""

import functools
import json
import os
import re
import sys
import threading
import time
import traceback

MIN_ALEMBIC = (1, 8)
MIN_SQLALCHEMY = (1, 4)


# --- the channel to Node -------------------------------------------------------------------------------


class Channel:
    """JSON lines over the socket Node passed as fd 3. The fd is moved away from 3 so that nothing the user's
    code does with low fds (or inherits into subprocesses) touches it."""

    def __init__(self, fd=3):
        rfd = os.dup(fd)
        wfd = os.dup(fd)
        os.close(fd)
        os.set_blocking(rfd, True)
        self._in = os.fdopen(rfd, "rb")
        self._wfd = wfd
        self._lock = threading.Lock()

    def send(self, msg):
        # ensure_ascii: the line is pure ASCII, so lone surrogates or odd bytes in user data cannot break it.
        data = (json.dumps(msg, ensure_ascii=True, default=str) + "\n").encode("ascii")
        with self._lock:
            view = memoryview(data)
            while view:
                written = os.write(self._wfd, view)
                view = view[written:]

    def receive(self):
        line = self._in.readline()
        if not line:
            return None
        return json.loads(line.decode("utf-8"))


def watch_parent():
    """Node may die without closing us (SIGKILL): exit when our parent changes."""
    parent = os.getppid()

    def loop():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(3)

    threading.Thread(target=loop, name="headsup-parent-watch", daemon=True).start()


def version_tuple(text):
    return tuple(int(part) for part in re.findall(r"\d+", text)[:2])


# --- small helpers ---------------------------------------------------------------------------------------


def posix_rel(path, root):
    """Repo-relative posix path, or the absolute one when outside the repo."""
    real = os.path.realpath(path)
    rel = os.path.relpath(real, root)
    if rel == ".." or rel.startswith(".." + os.sep):
        rel = real
    return rel.replace(os.sep, "/")


def ms_since(start):
    return round((time.perf_counter() - start) * 1000, 3)


def revision_id_in_file(path):
    """The `revision = "..."` of a file Python could not import (a syntax error), for the failure."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return None
    match = re.search(r"^revision\s*(?::[^=\n]*)?=\s*[\"']([^\"']+)[\"']", text, re.M)
    return match.group(1) if match else None


# --- where every engine goes -----------------------------------------------------------------------------

BACKENDS = {"postgresql": "postgresql", "postgres": "postgresql", "mysql": "mysql", "mariadb": "mysql", "sqlite": "sqlite"}
# URL query keys that say where to connect or how to secure a connection to the user's own server.
LOCATION_KEYS = {
    "host", "hostaddr", "port", "user", "username", "password", "passwd", "passfile", "dbname", "database", "db",
    "service", "unix_socket", "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "sslpassword", "ssl",
    "ssl_ca", "ssl_cert", "ssl_key", "ssl_mode", "ssl_check_hostname", "ssl_verify_cert", "ssl_verify_identity",
    "target_session_attrs", "mode", "uri", "immutable", "vfs",
}  # fmt: skip
# Keyword arguments to create_engine that bypass the URL: they would reach the user's real database.
BYPASS_KWARGS = ("creator", "async_creator", "pool")


class Redirector:
    """Builds the URL every engine of this process uses: the target's host, port, credentials and database,
    with the user's driver when it speaks the target's backend."""

    def __init__(self, sa_url, target):
        self.sa_url = sa_url
        self.target = target
        self.engine = target["engine"]

    def default_drivername(self, need_async):
        driver = self.target.get("defaultDriver") or self.engine
        name = driver if ("+" in driver or driver == self.engine) else "%s+%s" % (self.engine, driver)
        if need_async and not self.is_async(name):
            name = "%s+%s" % (self.engine, self.async_default())
        return name

    def async_default(self):
        if self.engine == "postgresql":
            return "asyncpg"
        if self.engine == "sqlite":
            return "aiosqlite"
        for module in ("aiomysql", "asyncmy"):
            try:
                __import__(module)
                return module
            except ImportError:
                pass
        return "aiomysql"

    def is_async(self, drivername):
        try:
            url = self.sa_url.make_url(drivername + "://")
            try:
                # compat: 2.x get_dialect(_is_async=True) gives the async variant of a dual driver (psycopg).
                return bool(url.get_dialect(_is_async=True).is_async)
            except TypeError:
                return bool(url.get_dialect().is_async)  # 1.4: no _is_async parameter
        except Exception:
            return False

    def parse(self, url):
        try:
            return self.sa_url.make_url(url)
        except Exception:
            return None

    def backend_of(self, url):
        return BACKENDS.get(url.drivername.split("+", 1)[0]) if url is not None else None

    def redirect(self, requested, need_async):
        """(url, kept): the target URL, and whether the user's own driver was kept."""
        user = self.parse(requested)
        kept = self.backend_of(user) == self.engine
        query = {}
        if kept:
            drivername = user.drivername
            if drivername.split("+", 1)[0] == "postgres":
                drivername = "postgresql" + drivername[len("postgres") :]
            if need_async and not self.is_async(drivername):
                drivername, kept = self.default_drivername(True), False
            else:
                query = {k: v for k, v in user.query.items() if k.lower() not in LOCATION_KEYS}
        else:
            drivername = self.default_drivername(need_async)
        query.update(self.target.get("query") or {})
        if drivername.endswith("+asyncpg") and "sslmode" in query:
            # asyncpg takes libpq's sslmode values under the name `ssl` (SQLAlchemy 1.4 passes sslmode through,
            # and asyncpg's connect() refuses it).
            query["ssl"] = query.pop("sslmode")
        if self.engine == "postgresql" and drivername.endswith("+asyncpg"):
            # One shared backend (PGlite): no statement cache kept across what the server sees as one session.
            query.setdefault("prepared_statement_cache_size", "0")
        url = self.sa_url.URL.create(
            drivername,
            username=self.target.get("user"),
            password=self.target.get("password"),
            host=self.target.get("host"),
            port=self.target.get("port"),
            database=self.target.get("database"),
            query=query,
        )
        return url, kept

    def env_url(self, existing):
        """For sqlalchemy.url and DATABASE_URL-like variables: keep the scheme already there when it names the
        target's backend (postgres:// stays postgres:// for apps that rewrite it), else the default driver."""
        user = self.parse(existing) if existing else None
        url, kept = self.redirect(existing if user is not None else None, False)
        text = url.render_as_string(hide_password=False)
        if kept and user is not None and user.drivername != url.drivername:
            text = user.drivername + text[len(url.drivername) :]
        return text


def seed_asyncpg_statement_names():
    """asyncpg names prepared statements from a process-wide counter starting at 0 (asyncpg/connection.py
    `_uid`): two runner processes on one shared backend (PGlite) would both prepare __asyncpg_stmt_1__.
    Start it at a random value instead."""
    module = sys.modules.get("asyncpg.connection")
    if module is not None and getattr(module, "_uid", None) == 0:
        module._uid = int.from_bytes(os.urandom(4), "big") << 16


def mask(url):
    if url is None:
        return ""
    text = url if isinstance(url, str) else url.render_as_string(hide_password=True)
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", text)


# --- the runner ------------------------------------------------------------------------------------------


class Runner:
    def __init__(self, chan, config, sa, alembic):
        self.chan = chan
        self.config = config
        self.sa = sa
        self.alembic = alembic
        self.root = os.path.realpath(config["root"])
        # The target may come later (a `target` command): Python starts while the database boots.
        self.target = None
        self.redirector = None
        if config.get("target"):
            self.set_target(config["target"], bool(config.get("traceLocks")))
        self.engines = []
        self.version_dirs = set(os.path.realpath(p) for p in (config.get("versionLocations") or []))
        self.file_cache = {}
        self.env_py = None
        self.starts = {}
        self.reset_command()

    # -- per-command state

    def reset_command(self):
        self.revision = None
        self.in_function = False
        self.direction = None
        self.revision_started = 0.0
        self.configured_sent = False
        self.offline = False
        self.offline_buffer = None
        self.offline_mark = 0
        self.failed_sql = None
        self.bind_used = False
        self.lock_vxid = None
        self.lock_set = frozenset()
        self.lock_timeouts = None
        self.trace_locks = (
            bool(self.config.get("traceLocks")) and self.target is not None and self.target["engine"] == "postgresql"
        )
        self.command_traces = True
        self.comparing = False

    # -- set-up, before any user code is imported

    def install(self):
        self.patch_create_engine()
        self.listen()
        self.patch_alembic()
        workdir = os.path.dirname(self.config["configFile"]) if self.config.get("configFile") else self.root
        # compat: Alembic 1.8 resolves a relative script_location against the current directory.
        os.chdir(workdir)

    def set_target(self, target, trace_locks):
        self.target = target
        self.config["target"] = target
        self.config["traceLocks"] = trace_locks
        self.redirector = Redirector(self.sa["url"], target)
        self.set_environment()

    def set_environment(self):
        for name in self.config.get("urlVariables") or []:
            os.environ[name] = self.redirector.env_url(os.environ.get(name))
        if self.target["engine"] == "postgresql":
            pairs = (("PGHOST", "host"), ("PGPORT", "port"), ("PGDATABASE", "database"), ("PGUSER", "user"), ("PGPASSWORD", "password"))  # fmt: skip
            for env, key in pairs:
                if self.target.get(key) is not None:
                    os.environ[env] = str(self.target[key])
                else:
                    os.environ.pop(env, None)

    def patch_create_engine(self):
        """Every Engine SQLAlchemy builds goes through sqlalchemy.engine.create.create_engine: engine_from_config
        calls the module-level name, create_async_engine calls it as `_create_engine` with `_is_async=True`
        (1.4 and 2.x), sqlalchemy.future.create_engine and async_engine_from_config go through those. So that
        one function is replaced wherever a module bound it (sqlalchemy, sqlalchemy.engine, .engine.create,
        .future.engine, .ext.asyncio.engine, ...), before env.py or the app is imported."""
        create = sys.modules["sqlalchemy.engine.create"]
        original = create.create_engine
        runner = self

        @functools.wraps(original)
        def create_engine(url, *args, **kwargs):
            need_async = bool(kwargs.get("_is_async"))
            user = runner.redirector.parse(url)
            if user is not None and not need_async and runner.redirector.backend_of(user) is not None:
                # AsyncEngine(engine_from_config(...)) (Alembic 1.8's async template) builds a sync engine
                # with an async driver: it still needs one.
                need_async = runner.redirector.is_async(user.drivername)
            used, kept = runner.redirector.redirect(url, need_async)
            ignored = [k for k in BYPASS_KWARGS if kwargs.pop(k, None) is not None]
            connect_args = kwargs.get("connect_args")
            if isinstance(connect_args, dict):
                if kept:
                    kwargs["connect_args"] = {k: v for k, v in connect_args.items() if k.lower() not in LOCATION_KEYS}
                else:
                    # They belong to another DBAPI.
                    kwargs.pop("connect_args")
                    ignored.append("connect_args")
            if used.drivername.endswith("+psycopg") and runner.target["engine"] == "postgresql":
                # psycopg 3 prepares repeated statements under names (_pg3_N) a shared backend would reuse.
                kwargs.setdefault("connect_args", {}).setdefault("prepare_threshold", None)
            engine = original(used, *args, **kwargs)
            if used.drivername.endswith("+asyncpg"):
                seed_asyncpg_statement_names()
            runner.engines.append(engine)
            msg = {"t": "engine", "requested": mask(url), "used": mask(used), "async": need_async}  # fmt: skip
            if ignored:
                msg["ignored"] = ignored
            runner.chan.send(msg)
            return engine

        for module in list(sys.modules.values()):
            try:
                names = list(vars(module).items())
            except TypeError:
                continue
            for name, value in names:
                if value is original:
                    setattr(module, name, create_engine)

    def listen(self):
        event = self.sa["event"]
        Engine = self.sa["Engine"]
        event.listen(Engine, "before_cursor_execute", self.before_cursor_execute)
        event.listen(Engine, "after_cursor_execute", self.after_cursor_execute)
        event.listen(Engine, "handle_error", self.handle_error)
        if self.config.get("statementTimeoutMs"):
            event.listen(self.sa["Pool"], "connect", self.on_connect)

    def patch_alembic(self):
        runner = self
        EnvironmentContext = self.alembic["EnvironmentContext"]
        RevisionStep = self.alembic["RevisionStep"]
        configure = EnvironmentContext.configure

        @functools.wraps(configure)
        def configure_wrapper(ctx, *args, **kw):
            user_callbacks = kw.get("on_version_apply")
            if user_callbacks is None:
                user_callbacks = ()
            elif callable(user_callbacks):
                user_callbacks = (user_callbacks,)
            kw["on_version_apply"] = tuple(user_callbacks) + (runner.on_version_apply,)
            # One transaction per revision: its locks, and a failure rolls back that revision only.
            kw["transaction_per_migration"] = True
            offline = bool(ctx.is_offline_mode())
            if offline:
                kw.pop("output_encoding", None)  # would wrap our text buffer in a binary writer
                kw["output_buffer"] = runner.offline_buffer
            runner.note_script(getattr(ctx, "script", None))
            result = configure(ctx, *args, **kw)
            if not runner.configured_sent:
                runner.configured_sent = True
                metadata = kw.get("target_metadata")
                runner.chan.send(
                    {
                        "t": "configured",
                        "versionTable": kw.get("version_table") or "alembic_version",
                        "versionTableSchema": kw.get("version_table_schema"),
                        "hasTargetMetadata": metadata is not None and metadata != [] and metadata != (),
                        "offline": offline,
                    }
                )
            return result

        EnvironmentContext.configure = configure_wrapper

        init = RevisionStep.__init__

        @functools.wraps(init)
        def init_wrapper(step, *args, **kw):
            init(step, *args, **kw)
            # compat: migration_fn is an instance attribute set in __init__ (1.8 and current main alike).
            fn = step.__dict__.get("migration_fn")
            if fn is not None:
                step.migration_fn = runner.wrap_migration(step, fn)

        RevisionStep.__init__ = init_wrapper

        # Know env.py and the version locations before env.py runs, so its import errors are pinned too.
        ScriptDirectory = self.alembic["ScriptDirectory"]
        run_env = ScriptDirectory.run_env

        @functools.wraps(run_env)
        def run_env_wrapper(script, *args, **kw):
            runner.note_script(script)
            return run_env(script, *args, **kw)

        ScriptDirectory.run_env = run_env_wrapper

        # One ScriptDirectory per configuration for the whole process: Alembic builds a new one per command,
        # and with it imports every revision file again (with bytecode writing off, compiling each from
        # source): for a long history that was most of each phase. The files do not change during a dry run.
        # compat: ScriptDirectory.from_config(config) is a classmethod in 1.8 and current main alike.
        from_config = ScriptDirectory.from_config.__func__
        scripts = {}

        def from_config_cached(cls, config):
            key = (
                getattr(config, "config_file_name", None),
                getattr(config, "config_ini_section", None),
                config.get_main_option("script_location"),
                config.get_main_option("version_locations"),
                config.get_main_option("recursive_version_locations"),
            )
            if key not in scripts:
                scripts[key] = from_config(cls, config)
            return scripts[key]

        ScriptDirectory.from_config = classmethod(from_config_cached)
        self.patch_bind_access()

    def patch_bind_access(self):
        """Offline, a revision that reaches for the connection (op.get_bind(), op.get_context().bind) gets a
        mock that renders what it executes and returns None: note it, so its failure says why."""
        runner = self
        Operations = self.alembic["Operations"]
        MigrationContext = self.alembic["MigrationContext"]
        owner = next((c for c in Operations.__mro__ if "get_bind" in vars(c)), None)
        if owner is not None:
            get_bind = owner.get_bind

            @functools.wraps(get_bind)
            def get_bind_wrapper(*args, **kw):
                runner.note_bind()
                return get_bind(*args, **kw)

            owner.get_bind = get_bind_wrapper
        bind = vars(MigrationContext).get("bind")
        if isinstance(bind, property) and bind.fget is not None:
            fget = bind.fget

            def bind_getter(ctx):
                runner.note_bind()
                return fget(ctx)

            MigrationContext.bind = property(bind_getter, bind.fset, bind.fdel, bind.__doc__)

    def note_bind(self):
        if self.offline and self.revision is not None:
            self.bind_used = True

    def note_script(self, script):
        if script is None:
            return
        locations = getattr(script, "_version_locations", None) or [os.path.join(script.dir, "versions")]
        self.add_version_dirs(locations)
        self.env_py = os.path.realpath(os.path.join(script.dir, "env.py"))

    def add_version_dirs(self, dirs):
        before = len(self.version_dirs)
        self.version_dirs.update(os.path.realpath(d) for d in dirs)
        if len(self.version_dirs) != before:
            self.file_cache.clear()

    # -- revision markers

    def wrap_migration(self, step, fn):
        runner = self

        @functools.wraps(fn)  # keeps __name__: Alembic logs "Running upgrade a -> b" from it
        def run_revision(*args, **kw):
            runner.begin_revision(step)
            try:
                return fn(*args, **kw)
            finally:
                # What follows in this revision's transaction is Alembic's version-table update.
                runner.in_function = False

        return run_revision

    def begin_revision(self, step):
        script = step.revision
        path = getattr(script, "path", None) or getattr(getattr(script, "module", None), "__file__", "")
        if path:
            self.add_version_dirs([os.path.dirname(path)])
        self.revision = script.revision
        self.in_function = True
        self.direction = "upgrade" if step.is_upgrade else "downgrade"
        self.revision_started = time.perf_counter()
        if self.offline_buffer is not None:
            self.offline_mark = len(self.offline_buffer.getvalue())
        self.chan.send({"t": "begin", "revision": self.revision, "direction": self.direction, "file": posix_rel(path, self.root) if path else ""})  # fmt: skip

    def on_version_apply(self, ctx=None, step=None, heads=None, run_args=None, **_):
        # Fires after the revision's function and its version-table update, before the commit.
        if self.revision is None:
            return
        if self.offline_buffer is not None:
            sql = self.offline_buffer.getvalue()[self.offline_mark :]
            self.chan.send({"t": "offline-sql", "revision": self.revision, "sql": sql.strip() + "\n"})
        self.chan.send({"t": "end", "revision": self.revision, "direction": self.direction, "ms": ms_since(self.revision_started)})  # fmt: skip
        self.revision = None

    # -- statements

    def migration_place(self):
        """Innermost frame of this stack in a file under the version locations."""
        frame = sys._getframe(2)
        while frame is not None:
            rel = self.version_file(frame.f_code.co_filename)
            if rel is not None:
                return rel, frame.f_lineno
            frame = frame.f_back
        return None

    def version_file(self, filename):
        if filename in self.file_cache:
            return self.file_cache[filename]
        rel = None
        if filename and not filename.startswith("<"):
            real = os.path.realpath(filename)
            if any(real.startswith(d + os.sep) for d in self.version_dirs):
                rel = posix_rel(real, self.root)
        self.file_cache[filename] = rel
        return rel

    def before_cursor_execute(self, conn, cursor, statement, parameters, context, executemany):
        self.starts[id(cursor)] = time.perf_counter()

    def after_cursor_execute(self, conn, cursor, statement, parameters, context, executemany):
        started = self.starts.pop(id(cursor), None)
        if self.comparing:
            return  # the drift comparison's reflection queries: reads, hundreds of them, not shown
        msg = {
            "t": "statement",
            "sql": render_sql(cursor, statement, parameters, executemany),
            "ms": ms_since(started) if started is not None else 0,
        }
        place = self.migration_place()
        if place is not None:
            msg["file"], msg["line"] = place
        if self.revision is not None and not self.in_function:
            msg["bookkeeping"] = True
        autocommit = is_autocommit(conn, context)
        if autocommit:
            msg["autocommit"] = True
        if self.trace_locks and self.command_traces and conn.dialect.name == "postgresql":
            self.lock_timeouts = None
            locks = None if autocommit else self.probe_locks(conn)
            if self.revision is not None:
                msg["locks"] = locks
                if self.lock_timeouts is not None:
                    msg["timeouts"] = self.lock_timeouts
        self.chan.send(msg)

    def handle_error(self, context):
        cursor = getattr(context, "cursor", None)
        self.starts.pop(id(cursor), None)
        statement = getattr(context, "statement", None)
        if statement:
            execution = getattr(context, "execution_context", None)
            many = bool(getattr(execution, "executemany", False))
            self.failed_sql = render_sql(cursor, statement, getattr(context, "parameters", None), many)

    def probe_locks(self, conn):
        """The locks this statement added: pg_locks of our backend, minus the previous probe of the same
        transaction (its virtual transaction id tells). A raw DBAPI cursor, so no event sees the probe."""
        try:
            cursor = conn.connection.cursor()  # compat: Connection.connection exists in 1.4 and 2.x
            try:
                cursor.execute(LOCKS_SQL)
                rows = cursor.fetchall()
            finally:
                cursor.close()
        except Exception as exc:  # never let the probe break a migration; stop probing instead
            self.trace_locks = False
            sys.stderr.write("headsup: lock probe failed, locks not traced further: %s\n" % exc)
            return None
        vxid = rows[0][3] if rows else None
        current = frozenset(
            (row[0], row[1], row[2]) for row in rows if row[0] not in ("virtualxid", "transactionid") and row[1] != "pg_locks"
        )  # fmt: skip
        previous = self.lock_set if vxid == self.lock_vxid else frozenset()
        self.lock_vxid, self.lock_set = vxid, current
        added = sorted(current - previous, key=lambda r: (r[1] or "", r[0], r[2]))
        # The timeouts in force for this statement; headsup's own statement_timeout (the dry run's guard) is
        # not the migration's, so it is reported only when the migration set another.
        self.lock_timeouts = None
        if rows:
            lock_timeout, statement_timeout = rows[0][4], rows[0][5]
            ours = "%dms" % int(self.config.get("statementTimeoutMs") or 0)
            self.lock_timeouts = {
                "lock": None if lock_timeout in ("0", "0ms") else lock_timeout,
                "statement": None if statement_timeout in ("0", "0ms", ours) or self.same_ms(statement_timeout) else statement_timeout,
            }
        return [{"locktype": t, "relation": rel, "mode": mode} for t, rel, mode in added]

    def same_ms(self, setting):
        """Whether a statement_timeout setting ('60s', '1min', '60000ms') is headsup's own."""
        m = re.match(r"^(\d+)\s*(ms|s|min|h)?$", setting or "")
        if not m:
            return False
        n = int(m.group(1)) * {"ms": 1, "s": 1000, "min": 60000, "h": 3600000, None: 1}[m.group(2)]
        return n == int(self.config.get("statementTimeoutMs") or 0)

    # -- per-statement timeout, on every new DBAPI connection

    def on_connect(self, dbapi_connection, connection_record):
        ms = int(self.config.get("statementTimeoutMs") or 0)
        engine = self.target["engine"]
        if not ms or engine == "sqlite":
            return
        cursor = dbapi_connection.cursor()
        try:
            if engine == "postgresql":
                cursor.execute("SET statement_timeout = %d" % ms)
            else:
                cursor.execute("SELECT VERSION()")
                if "mariadb" in str(cursor.fetchone()[0]).lower():
                    cursor.execute("SET SESSION max_statement_time = %.3f" % (ms / 1000.0))
                else:
                    cursor.execute("SET SESSION max_execution_time = %d" % ms)
                seconds = max(1, -(-ms // 1000))
                cursor.execute("SET SESSION lock_wait_timeout = %d" % seconds)
                cursor.execute("SET SESSION innodb_lock_wait_timeout = %d" % seconds)
        finally:
            cursor.close()
        # A SET inside a transaction the pool later rolls back would be undone.
        dbapi_connection.commit()

    # -- commands

    def make_config(self):
        Config = self.alembic["Config"]
        cfg_file = self.config.get("configFile")
        section = self.config.get("section") or "alembic"
        if cfg_file and cfg_file.endswith(".toml"):
            cfg = Config(toml_file=cfg_file, ini_section=section)  # Alembic 1.16+: [tool.alembic]
        elif cfg_file:
            cfg = Config(cfg_file, ini_section=section)
        else:
            cfg = Config(ini_section=section)
            cfg.set_main_option("script_location", self.config["scriptLocation"])
        if not cfg_file and self.config.get("versionLocations"):
            cfg.set_main_option("version_locations", os.pathsep.join(self.config["versionLocations"]))
            cfg.set_main_option("version_path_separator", "os")  # Alembic < 1.16
            cfg.set_main_option("path_separator", "os")  # Alembic 1.16+
        try:
            existing = cfg.get_main_option("sqlalchemy.url")
        except Exception:
            existing = None
        cfg.set_main_option("sqlalchemy.url", self.redirector.env_url(existing).replace("%", "%%"))
        import argparse

        cfg.cmd_opts = argparse.Namespace(x=[], raiseerr=True, sql=self.offline, tag=None, name=section, config=cfg_file)
        return cfg

    def run(self, cmd):
        started = time.perf_counter()
        self.reset_command()
        # The base replay is not shown, so its hundreds of statements are spared a probe each.
        self.command_traces = cmd.get("traceLocks") is not False
        kind = cmd.get("cmd")
        if kind == "drift":
            self.command_traces = False
        command = self.alembic["command"]
        try:
            if kind == "target":
                self.set_target(cmd["target"], bool(cmd.get("traceLocks")))
            elif self.target is None:
                raise ValueError("no target database yet: send a `target` command first")
            elif kind in ("upgrade", "downgrade"):
                fn = command.upgrade if kind == "upgrade" else command.downgrade
                for target in cmd.get("targets") or []:
                    fn(self.make_config(), target)
            elif kind == "unapply":
                self.unapply(cmd.get("revisions") or [])
            elif kind == "drift":
                self.drift(cmd.get("ignoreTables") or [])
            elif kind == "offline":
                import io

                self.offline = True
                for rng in cmd.get("ranges") or []:
                    self.offline_buffer = io.StringIO()
                    command.upgrade(self.make_config(), rng, sql=True)
            else:
                raise ValueError("unknown command %r" % (kind,))
        except BaseException as exc:  # SystemExit from env.py too; SIGTERM still ends the process
            if isinstance(exc, KeyboardInterrupt):
                raise
            self.chan.send(self.failure(exc))
        else:
            self.chan.send({"t": "done", "ms": ms_since(started)})
        finally:
            self.dispose_engines()

    def unapply(self, ids):
        """Runs exactly these revisions' downgrade(), in the order given (children first), as `alembic
        downgrade` would run each: Alembic's own steps and version-table bookkeeping. `downgrade <rev>` cannot
        say this when the PR forks below base's heads: it would also take down base's revisions above the fork.
        compat: RevisionStep(revision_map, script, is_upgrade) and EnvironmentContext(config, script, fn=, …)
        are the same in 1.8 and current main (runtime/migration.py, command.py)."""
        from alembic.runtime.environment import EnvironmentContext
        from alembic.runtime.migration import RevisionStep
        from alembic.script import ScriptDirectory

        cfg = self.make_config()
        script = ScriptDirectory.from_config(cfg)
        revisions = [script.get_revision(i) for i in ids]

        def steps(_heads, _context):
            return [RevisionStep(script.revision_map, r, False) for r in revisions]

        with EnvironmentContext(cfg, script, fn=steps, as_sql=False, starting_rev=None, destination_rev=None):
            script.run_env()

    def drift(self, ignore_tables):
        """Compares env.py's target_metadata with the database, as `alembic check` does, and sends one `drift`
        message. Nothing is written: the work function returns no steps, and dont_mutate=True (what `alembic
        current` passes) keeps MigrationContext.run_migrations from creating the version table on a database
        that has none (compat notes in the module docstring)."""
        from alembic.runtime.environment import EnvironmentContext
        from alembic.script import ScriptDirectory

        cfg = self.make_config()
        script = ScriptDirectory.from_config(cfg)
        ignored = IgnoredTables(ignore_tables)
        state = {"called": False, "metadata": False, "heads": set(), "items": []}

        def compare(heads, context):
            state["called"] = True
            state["heads"].update(heads or ())
            metadata = context.opts.get("target_metadata")
            if has_metadata(metadata):
                state["metadata"] = True
                state["items"].extend(self.compare_models(context, metadata, ignored))
            return []

        with EnvironmentContext(cfg, script, fn=compare, as_sql=False, dont_mutate=True):
            script.run_env()
        if not state["called"]:
            raise RuntimeError("env.py did not call context.run_migrations(): the models were not compared")
        items = sorted(state["items"], key=drift_sort_key)
        self.chan.send(
            {
                "t": "drift",
                "hasTargetMetadata": state["metadata"],
                "heads": sorted(state["heads"]),
                "diffs": items,
            }
        )

    def compare_models(self, context, metadata, ignored):
        """compare_metadata(context, metadata) is produce_migrations(context, metadata).upgrade_ops.as_diffs();
        the ops are walked here as as_diffs() walks them, so that an op with no diff tuple (a third-party
        comparator's) becomes an `other` item instead of failing the whole comparison. The AutogenContext reads
        context.opts: include_object, include_name, include_schemas, compare_type, compare_server_default,
        autogenerate_plugins (1.18+)... as env.py passed them; the ignored tables are added to both filters for
        the time of the comparison."""
        from alembic.autogenerate import produce_migrations

        opts = context.opts
        saved = {key: opts.get(key) for key in ("include_name", "include_object")}
        if ignored:
            opts["include_name"] = ignored.name_filter(saved["include_name"])
            opts["include_object"] = ignored.object_filter(saved["include_object"])
        self.comparing = True
        try:
            migration_script = produce_migrations(context, metadata)
        finally:
            self.comparing = False
            opts.update(saved)
        describe = DriftDescriber(context.dialect)
        items = []
        for upgrade_ops in getattr(migration_script, "upgrade_ops_list", None) or [migration_script.upgrade_ops]:
            for diff in op_diffs(upgrade_ops):
                item = describe.item(diff)
                if not ignored.covers(item.get("schema"), item.get("table")):
                    items.append(item)
        return items

    def dispose_engines(self):
        engines, self.engines = self.engines, []
        for engine in engines:
            try:
                engine.dispose()
            except Exception:
                pass

    # -- failures

    def failure(self, exc):
        DBAPIError = self.sa["DBAPIError"]
        CommandError = self.alembic["CommandError"]
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        msg = {"t": "failed"}
        place = self.failure_place(exc)
        revision = self.revision
        if isinstance(exc, SyntaxError) and place is not None and place[2]:
            revision = revision or revision_id_in_file(exc.filename)
        if isinstance(exc, DBAPIError):
            orig = exc.orig
            msg["message"] = (str(orig) if orig is not None else str(exc)).strip()
            msg["kind"] = "timeout" if is_timeout(orig, msg["message"]) else "database"
            if self.failed_sql:
                msg["sql"] = self.failed_sql
        elif isinstance(exc, SystemExit):
            msg["message"] = "SystemExit: sys.exit(%r) was called" % (exc.code,)
            msg["kind"] = "python" if revision else "env"
        else:
            if isinstance(exc, SyntaxError):
                # The place goes in file/line; the message is what Python says is wrong.
                msg["message"] = "%s: %s" % (type(exc).__name__, exc.msg)
            else:
                msg["message"] = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            if isinstance(exc, CommandError) and not revision:
                msg["kind"] = "alembic"
            elif revision or (place is not None and place[2]):
                msg["kind"] = "python"
            else:
                msg["kind"] = "env"
            if self.offline and revision and self.bind_used:
                msg["message"] = (
                    "this revision uses the database connection (op.get_bind() or the migration context's bind), "
                    "which offline SQL (--sql) does not have: " + msg["message"]
                )
        if place is not None:
            msg["file"], msg["line"] = place[0], place[1]
            if revision is None and place[2]:
                revision = revision_id_in_file(os.path.join(self.root, place[0]))
        if revision:
            msg["revision"] = revision
        msg["traceback"] = tb
        return msg

    def failure_place(self, exc):
        """(file, line, in_migration): innermost frame in a migration file, else in env.py."""
        if isinstance(exc, SyntaxError) and exc.filename:
            rel = self.version_file(exc.filename)
            if rel is not None:
                return rel, exc.lineno or 0, True
        env_place = None
        for filename, lineno in reversed(traceback_frames(exc)):
            rel = self.version_file(filename)
            if rel is not None:
                return rel, lineno, True
            if env_place is None and self.env_py and os.path.realpath(filename) == self.env_py:
                env_place = (posix_rel(filename, self.root), lineno, False)
        if isinstance(exc, SyntaxError) and exc.filename and self.env_py and os.path.realpath(exc.filename) == self.env_py:
            return posix_rel(exc.filename, self.root), exc.lineno or 0, False
        return env_place


LOCKS_SQL = (
    "select locktype, relation::regclass::text, mode, virtualtransaction,"
    " current_setting('lock_timeout'), current_setting('statement_timeout')"
    " from pg_locks where pid = pg_backend_pid()"
)


def traceback_frames(exc):
    """(filename, line) of every frame of the exception and of those it was raised from, outermost first."""
    frames = []
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        frames = [(f.filename, f.lineno) for f in traceback.extract_tb(exc.__traceback__)] + frames
        exc = exc.__cause__ or exc.__context__
    return frames


def is_timeout(orig, message):
    for candidate in (orig, getattr(orig, "__cause__", None)):
        if candidate is None:
            continue
        code = getattr(candidate, "pgcode", None) or getattr(candidate, "sqlstate", None)
        if code == "57014":
            return True
        args = getattr(candidate, "args", ())
        if args and isinstance(args[0], int) and args[0] in (3024, 1969, 1205):
            return True
    lowered = message.lower()
    return "statement timeout" in lowered or "max_statement_time exceeded" in lowered


def is_autocommit(conn, context):
    options = getattr(context, "execution_options", None)
    if options is None:
        try:
            options = conn.get_execution_options()
        except Exception:
            options = {}
    if options.get("isolation_level") == "AUTOCOMMIT":
        return True
    try:
        fairy = conn.connection
        raw = getattr(fairy, "dbapi_connection", None) or getattr(fairy, "connection", None)
        return getattr(raw, "autocommit", None) is True
    except Exception:
        return False


MANY_LIMIT = 50


def render_sql(cursor, statement, parameters, executemany):
    """The statement as executed: parameters merged in by the driver's own mogrify when it has one
    (psycopg2, pymysql, psycopg 3's client cursor), else the SQL followed by the parameters as literals."""
    sets = list(parameters) if executemany and parameters is not None else [parameters]
    shown = sets[:MANY_LIMIT]
    mogrify = client_mogrify(cursor)
    parts = None
    if mogrify is not None:
        try:
            parts = []
            for params in shown:
                text = mogrify(statement, params)
                parts.append(text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text))
        except Exception:
            parts = None
    if parts is None:
        parts = []
        for params in shown:
            empty = params is None or (hasattr(params, "__len__") and len(params) == 0)
            parts.append(statement if empty else "%s\n-- parameters: %s" % (statement, literal(params)))
    text = ";\n".join(parts)
    if len(sets) > MANY_LIMIT:
        text += ";\n-- ... and %d more parameter sets" % (len(sets) - MANY_LIMIT)
    return text


def client_mogrify(cursor):
    if cursor is None:
        return None
    mogrify = getattr(cursor, "mogrify", None)
    if callable(mogrify):
        return mogrify
    module = type(cursor).__module__ or ""
    if module.startswith("psycopg.") or module == "psycopg":
        try:
            import psycopg

            client = psycopg.ClientCursor(cursor.connection)
            return client.mogrify
        except Exception:
            return None
    return None


def literal(params):
    try:
        return repr(params if not isinstance(params, list) else tuple(params))
    except Exception:
        return "<unprintable>"


# --- model drift -----------------------------------------------------------------------------------------


def has_metadata(metadata):
    """env.py's target_metadata: None, a MetaData, or a sequence of them (Alembic's util.to_list)."""
    if metadata is None:
        return False
    if isinstance(metadata, (list, tuple)):
        return any(m is not None for m in metadata)
    return True


class IgnoredTables:
    """Tables the comparison leaves out on both sides: headsup's own (a marker table), given by Node. Alembic
    already skips its version table (autogenerate/compare.py, 1.8 and main)."""

    def __init__(self, names):
        self.names = set(n for n in names if isinstance(n, str) and n)

    def __bool__(self):
        return bool(self.names)

    def covers(self, schema, table):
        if not table or not self.names:
            return False
        return table in self.names or (schema is not None and "%s.%s" % (schema, table) in self.names)

    def name_filter(self, user):
        def include_name(name, type_, parent_names):
            if type_ == "table" and self.covers((parent_names or {}).get("schema_name"), name):
                return False
            return True if user is None else user(name, type_, parent_names)

        return include_name

    def object_filter(self, user):
        def include_object(object_, name, type_, reflected, compare_to):
            if type_ == "table" and self.covers(getattr(object_, "schema", None), name):
                return False
            return True if user is None else user(object_, name, type_, reflected, compare_to)

        return include_object


def op_diffs(container):
    """The diff tuples of an UpgradeOps, flattened: what UpgradeOps.as_diffs() yields (operations/ops.py,
    OpContainer._ops_as_diffs, 1.8 and main), with AlterColumnOp's list of modify_* tuples spread out, and
    ("other", op) for an op that has no diff tuple."""
    for op in getattr(container, "ops", None) or []:
        if hasattr(op, "ops"):
            for diff in op_diffs(op):
                yield diff
            continue
        try:
            diff = op.to_diff_tuple()
        except Exception:
            yield ("other", op)
            continue
        if isinstance(diff, list):
            for sub in diff:
                yield sub
        else:
            yield diff


DRIFT_ORDER = (
    "add_table", "remove_table", "add_table_comment", "remove_table_comment", "add_column", "remove_column",
    "modify_type", "modify_nullable", "modify_default", "modify_comment", "add_index", "remove_index",
    "add_constraint", "remove_constraint", "add_fk", "remove_fk",
)  # fmt: skip
DRIFT_RANK = {kind: rank for rank, kind in enumerate(DRIFT_ORDER)}


def drift_sort_key(item):
    return (
        item.get("schema") or "",
        item.get("table") or "",
        DRIFT_RANK.get(item["kind"], len(DRIFT_ORDER)),
        item.get("column") or "",
        item.get("name") or "",
        item["detail"],
    )


def one_line(text, limit=300):
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


class DriftDescriber:
    """One diff tuple of compare_metadata (layouts: operations/ops.py to_diff_tuple, 1.8 and main) as a
    DriftItem: kind, schema, table, column, name, side, the values each side has (modify_*) and one line a
    reviewer reads. 'add_*' items are what the models have and the migrations do not create (side 'models');
    'remove_*' what the migrations create and the models lack (side 'database'); modify_* and a table comment to
    add are differences the models ask for (side 'models'); removing a table comment, side 'database'."""

    MODELS_ONLY = ": in the models, not created by the migrations"
    DATABASE_ONLY = ": created by the migrations, not in the models"

    def __init__(self, dialect):
        self.dialect = dialect

    def item(self, diff):
        kind = diff[0] if isinstance(diff, tuple) and diff and isinstance(diff[0], str) else "other"
        try:
            handler = getattr(self, "on_" + kind, None)
            if handler is not None:
                return handler(*diff[1:])
        except Exception:
            pass
        try:
            return self.other(kind, diff)
        except Exception:
            return self.base("other", "models", None, None, "%s: not described (%s)" % (kind, type(diff).__name__))

    # -- values

    def type_text(self, type_):
        if type_ is None:
            return "no type"
        try:
            return one_line(type_.compile(dialect=self.dialect))
        except Exception:
            return one_line(repr(type_))

    def sql_text(self, value):
        """A server default, a check constraint's condition, an index expression."""
        if value is None or value is False:
            return None
        arg = getattr(value, "arg", None)  # DefaultClause
        if arg is None:
            arg = getattr(value, "sqltext", None)  # Computed, CheckConstraint
        if arg is not None:
            value = arg
        if isinstance(value, str):
            return one_line("'%s'" % value.replace("'", "''"))
        text = getattr(value, "text", None)  # TextClause
        if isinstance(text, str):
            return one_line(text)
        try:
            return one_line(value.compile(dialect=self.dialect, compile_kwargs={"literal_binds": True}))
        except Exception:
            return one_line(str(value))

    def default_text(self, value):
        text = self.sql_text(value)
        return "server default %s" % text if text is not None else "no server default"

    def comment_text(self, comment):
        return "comment %s" % one_line(repr(comment)) if comment else "no comment"

    def nullable_text(self, nullable):
        return "NULL" if nullable else "NOT NULL" if nullable is not None else "unknown nullability"

    @staticmethod
    def qualified(schema, table):
        return "%s.%s" % (schema, table) if schema else str(table)

    def column_names(self, element):
        names = []
        for expr in getattr(element, "expressions", None) or list(getattr(element, "columns", None) or []):
            name = getattr(expr, "name", None)
            names.append(str(name) if isinstance(name, str) else self.sql_text(expr) or "?")
        return names

    def base(self, kind, side, schema, table, detail, **extra):
        item = {"kind": kind, "side": side, "detail": detail}
        if schema:
            item["schema"] = str(schema)
        if table is not None:
            item["table"] = str(table)
        for key, value in extra.items():
            if value is not None:
                item[key] = value
        return item

    # -- tables

    def on_add_table(self, table, *_):
        count = len(table.columns)
        detail = "table %s (%d column%s)%s" % (
            self.qualified(table.schema, table.name),
            count,
            "" if count == 1 else "s",
            self.MODELS_ONLY,
        )
        return self.base("add_table", "models", table.schema, table.name, detail)

    def on_remove_table(self, table, *_):
        detail = "table %s%s" % (self.qualified(table.schema, table.name), self.DATABASE_ONLY)
        return self.base("remove_table", "database", table.schema, table.name, detail)

    def on_add_table_comment(self, table, existing=None, *_):
        models, database = self.comment_text(table.comment), self.comment_text(existing)
        detail = "table %s: the models have %s, the database has %s" % (
            self.qualified(table.schema, table.name),
            models,
            database,
        )
        return self.base("add_table_comment", "models", table.schema, table.name, detail, models=models, database=database)  # fmt: skip

    def on_remove_table_comment(self, table, *_):
        detail = "table %s: the database has a comment, the models have none" % self.qualified(table.schema, table.name)
        return self.base("remove_table_comment", "database", table.schema, table.name, detail)

    # -- columns

    def column_text(self, table, column):
        return "%s.%s %s %s" % (
            table,
            column.name,
            self.type_text(column.type),
            self.nullable_text(column.nullable),
        )

    def on_add_column(self, schema, tname, column, *_):
        detail = "column %s%s" % (self.column_text(self.qualified(schema, tname), column), self.MODELS_ONLY)
        return self.base("add_column", "models", schema, tname, detail, column=str(column.name))

    def on_remove_column(self, schema, tname, column, *_):
        detail = "column %s%s" % (self.column_text(self.qualified(schema, tname), column), self.DATABASE_ONLY)
        return self.base("remove_column", "database", schema, tname, detail, column=str(column.name))

    def modify(self, kind, schema, tname, cname, database, models):
        detail = "column %s.%s: the models have %s, the database has %s" % (
            self.qualified(schema, tname),
            cname,
            models,
            database,
        )
        return self.base(kind, "models", schema, tname, detail, column=str(cname), models=models, database=database)  # fmt: skip

    def on_modify_type(self, schema, tname, cname, _kw, existing, new, *_):
        return self.modify("modify_type", schema, tname, cname, self.type_text(existing), self.type_text(new))

    def on_modify_nullable(self, schema, tname, cname, _kw, existing, new, *_):
        return self.modify("modify_nullable", schema, tname, cname, self.nullable_text(existing), self.nullable_text(new))  # fmt: skip

    def on_modify_default(self, schema, tname, cname, _kw, existing, new, *_):
        return self.modify("modify_default", schema, tname, cname, self.default_text(existing), self.default_text(new))  # fmt: skip

    def on_modify_comment(self, schema, tname, cname, _kw, existing, new, *_):
        return self.modify("modify_comment", schema, tname, cname, self.comment_text(existing), self.comment_text(new))  # fmt: skip

    # -- indexes and constraints

    def on_add_index(self, index, *_):
        return self.index("add_index", "models", index, self.MODELS_ONLY)

    def on_remove_index(self, index, *_):
        return self.index("remove_index", "database", index, self.DATABASE_ONLY)

    def index(self, kind, side, index, where):
        table = index.table
        schema = getattr(table, "schema", None)
        tname = getattr(table, "name", None)
        detail = "%sindex %s on %s (%s)%s" % (
            "unique " if index.unique else "",
            index.name or "(unnamed)",
            self.qualified(schema, tname),
            ", ".join(self.column_names(index)),
            where,
        )
        return self.base(kind, side, schema, tname, detail, name=str(index.name) if index.name else None)

    def on_add_constraint(self, constraint, *_):
        return self.constraint("add_constraint", "models", constraint, self.MODELS_ONLY)

    def on_remove_constraint(self, constraint, *_):
        return self.constraint("remove_constraint", "database", constraint, self.DATABASE_ONLY)

    def on_add_fk(self, constraint, *_):
        return self.constraint("add_fk", "models", constraint, self.MODELS_ONLY)

    def on_remove_fk(self, constraint, *_):
        return self.constraint("remove_fk", "database", constraint, self.DATABASE_ONLY)

    def constraint(self, kind, side, constraint, where):
        table = getattr(constraint, "table", None)
        schema = getattr(table, "schema", None)
        tname = getattr(table, "name", None)
        name = constraint.name if isinstance(constraint.name, str) else None
        label = type(constraint).__name__
        what = self.constraint_body(constraint)
        detail = "%s %s on %s %s%s" % (
            CONSTRAINT_LABELS.get(label, label),
            name or "(unnamed)",
            self.qualified(schema, tname),
            what,
            where,
        )
        return self.base(kind, side, schema, tname, one_line(detail, 500), name=name)

    def constraint_body(self, constraint):
        label = type(constraint).__name__
        if label == "CheckConstraint":
            return "(%s)" % (self.sql_text(constraint) or "?")
        if label == "ForeignKeyConstraint":
            local = list(getattr(constraint, "column_keys", None) or [])
            targets = []
            for element in getattr(constraint, "elements", None) or []:
                try:
                    targets.append(element.target_fullname)
                except Exception:
                    targets.append(str(getattr(element, "_colspec", "?")))
            referred = targets[0].rsplit(".", 1)[0] if targets and "." in targets[0] else "?"
            text = "(%s) references %s (%s)" % (
                ", ".join(local),
                referred,
                ", ".join(t.rsplit(".", 1)[-1] for t in targets),
            )
            for action in ("ondelete", "onupdate"):
                value = getattr(constraint, action, None)
                if value:
                    text += " ON %s %s" % (action[2:].upper(), value)
            return text
        return "(%s)" % ", ".join(self.column_names(constraint))

    # -- anything else (a newer Alembic's or a plugin's op)

    def other(self, kind, diff):
        subject = diff[1] if isinstance(diff, tuple) and len(diff) > 1 else diff
        table = None
        schema = None
        for candidate in (subject, getattr(subject, "table", None)):
            if table is None and getattr(candidate, "name", None) is not None and hasattr(candidate, "columns"):
                table, schema = candidate.name, getattr(candidate, "schema", None)
        if table is None:
            table = getattr(subject, "table_name", None)
            schema = getattr(subject, "schema", None)
        if kind == "other":
            name = type(subject).__name__
            text = "%s: not described by Alembic as a diff (%s)" % (name, one_line(repr(subject), 200))
        else:
            text = "%s: %s" % (kind, one_line(repr(diff[1:] if isinstance(diff, tuple) else diff), 200))
        # A kind Node does not know is sent as "other", its own name in the detail.
        return self.base("other", "models", schema if isinstance(schema, str) else None, table if isinstance(table, str) else None, text)  # fmt: skip


CONSTRAINT_LABELS = {
    "UniqueConstraint": "unique constraint",
    "CheckConstraint": "check constraint",
    "ForeignKeyConstraint": "foreign key",
    "PrimaryKeyConstraint": "primary key",
}


# --- start -----------------------------------------------------------------------------------------------


def load_libraries():
    """(sa, alembic) namespaces, or the sentence saying what this interpreter lacks."""
    missing = []
    for module in ("sqlalchemy", "alembic"):
        try:
            __import__(module)
        except ModuleNotFoundError as exc:
            missing.append(module if exc.name == module else "%s (%s)" % (module, exc))
        except Exception as exc:  # a broken install
            missing.append("%s (%s: %s)" % (module, exc.__class__.__name__, exc))
    if missing:
        return None, None, "cannot import " + " and ".join(missing)
    import sqlalchemy
    import alembic

    if version_tuple(sqlalchemy.__version__) < MIN_SQLALCHEMY or version_tuple(alembic.__version__) < MIN_ALEMBIC:
        return None, None, "has SQLAlchemy %s and Alembic %s; the dry run needs SQLAlchemy >= 1.4 and Alembic >= 1.8" % (
            sqlalchemy.__version__,
            alembic.__version__,
        )
    import sqlalchemy.engine.create  # noqa: F401  (the function patched)
    import sqlalchemy.engine.url
    import sqlalchemy.event
    import sqlalchemy.exc
    import sqlalchemy.pool

    for optional in ("sqlalchemy.future", "sqlalchemy.ext.asyncio"):
        try:
            __import__(optional)  # bound names to patch; fine when missing (no greenlet, ...)
        except Exception:
            pass
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext
    from alembic.runtime.migration import RevisionStep
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    sa = {
        "url": sqlalchemy.engine.url,
        "event": sqlalchemy.event,
        "Engine": sqlalchemy.engine.Engine,
        "Pool": sqlalchemy.pool.Pool,
        "DBAPIError": sqlalchemy.exc.DBAPIError,
    }
    al = {
        "command": command,
        "Config": Config,
        "EnvironmentContext": EnvironmentContext,
        "RevisionStep": RevisionStep,
        "ScriptDirectory": ScriptDirectory,
        "Operations": Operations,
        "MigrationContext": MigrationContext,
        "CommandError": CommandError,
    }
    return sa, al, None


def main():
    sys.dont_write_bytecode = True  # nothing written into the user's tree
    here = os.path.dirname(os.path.abspath(__file__))
    # Like the `alembic` console script: our own folder is not an import location for the user's code.
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    chan = Channel()
    watch_parent()
    config = json.loads(os.environ.get("HEADSUP_RUNNER_CONFIG") or "{}")
    interpreter = "%s (Python %s)" % (sys.executable, sys.version.split()[0])
    if sys.version_info < (3, 8):
        chan.send({"t": "unavailable", "message": "%s is too old: the dry run needs Python 3.8 or newer" % interpreter})
        return 0
    sa, al, missing = load_libraries()
    if missing:
        chan.send({"t": "unavailable", "message": "%s %s" % (interpreter, missing)})
        return 0
    import alembic
    import sqlalchemy

    chan.send(
        {
            "t": "hello",
            "python": sys.version.split()[0],
            "executable": sys.executable,
            "alembic": alembic.__version__,
            "sqlalchemy": sqlalchemy.__version__,
        }
    )
    runner = Runner(chan, config, sa, al)
    runner.install()
    while True:
        cmd = chan.receive()
        if cmd is None or cmd.get("cmd") == "exit":
            break
        runner.run(cmd)
    return 0


if __name__ == "__main__":
    try:
        code = main()
    except BrokenPipeError:
        code = 0  # Node went away
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
