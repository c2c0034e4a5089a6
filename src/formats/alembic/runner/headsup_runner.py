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
