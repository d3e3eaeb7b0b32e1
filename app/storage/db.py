"""Opening a project database: pragmas, migrations, write transactions, backups.

Every write goes through :meth:`Project.write`, which starts ``BEGIN IMMEDIATE`` (a
read-then-write transaction under WAL would otherwise fail with SQLITE_BUSY_SNAPSHOT,
ignoring the busy timeout) and never assumes how much SQLite rolled back after an
error: it asks ``in_transaction``.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import getpass
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import sqlite_utils

from app.domain.bundled import migrations_dir
from app.domain.paths import project_files, target_problem

APP_ID = 0x59424355  # "YBCU", stored in PRAGMA application_id
MIGRATIONS = migrations_dir()  # db/migrations in the checkout, app/db/migrations installed
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
BUSY_TIMEOUT_MS = 5000
MAX_VARIABLES = 32766  # SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32
# A new project's page size. An entry row is about 2.5 KB (its text and its original):
# at SQLite's default 4 KB a page held one and a third of its space stood empty (110 MB
# of a 100,000-entry project's entry table); 16 KB pages hold six. Set before the file's
# first write; a project keeps the page size it was made with.
PAGE_SIZE = 16384

# Called with every new connection before migrations run (e.g. to register SQL functions
# that triggers use). Modules append to it at import time.
CONNECTION_HOOKS: list[Callable[[sqlite3.Connection], None]] = []
# Called inside every outermost write transaction just before its COMMIT (e.g. to bring
# derived data such as the search index up to date with what the transaction wrote).
BEFORE_COMMIT_HOOKS: list[Callable[[sqlite3.Connection], None]] = []
# Called with the Project once it is open, verified and migrated.
OPEN_HOOKS: list[Callable[[Project], None]] = []

# What a project says about itself in a table (migration 0012), for a file whose header
# lost application_id and user_version (a `.dump` restored by another tool).
FORMAT_MIGRATION = 12
FORMAT_APPLICATION = "Yearbook Curator"


class ProjectError(Exception):
    """A problem with the project file, explained in one line."""


class DiskFullError(ProjectError):
    pass


class BusyError(ProjectError):
    pass


def now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def current_user() -> str:
    try:
        return os.environ.get("CURATOR_USER") or getpass.getuser()
    except Exception:  # no passwd entry in a container
        return "archivist"


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped in the package, in order."""
    found = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        m = _MIGRATION_NAME.match(path.name)
        if m:
            found.append((int(m.group(1)), path.stem, path.read_text(encoding="utf-8")))
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise ProjectError(f"two migrations share a number: {versions}")
    return found


# -- the schema a project must have ------------------------------------------------------

# (migrations folder, version) → {(type, name): normalised SQL}
_EXPECTED: dict[tuple[str, int], dict[tuple[str, str], str]] = {}


def _normalised(sql: str | None) -> str:
    return " ".join((sql or "").split())


def schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """Every table, index, view and trigger of ``conn`` with its SQL (SQLite's own
    bookkeeping — sqlite_sequence, sqlite_stat*, automatic indexes — left out)."""
    return {
        (kind, name): _normalised(sql)
        for kind, name, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
    }


def expected_schema(version: int | None = None) -> dict[tuple[str, str], str]:
    """The schema the package's migrations up to ``version`` create, found by applying
    them to an empty in-memory database (so a new migration is accepted as it lands,
    and nothing here repeats a trigger's SQL)."""
    version = schema_version() if version is None else version
    key = (str(MIGRATIONS), version)
    if key not in _EXPECTED:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            for hook in CONNECTION_HOOKS:
                hook(conn)
            for number, _name, sql in migrations():
                if number > version:
                    break
                conn.execute("BEGIN")
                for statement in _split_sql(sql):
                    conn.execute(statement)
                conn.execute("COMMIT")
            _EXPECTED[key] = schema_of(conn)
        finally:
            conn.close()
    return _EXPECTED[key]


class _FunctionRecorder:
    """A connection as the hooks see it, noting the SQL functions they register."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.names: set[str] = set()

    def create_function(self, name: str, *args, **kwargs):
        self.names.add(name.lower())
        return self.conn.create_function(name, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.conn, name)


def schema_trusts_app_functions(functions: set[str], version: int | None = None) -> bool:
    """Whether the migrations' triggers or views call a function the app registers in
    Python: SQLite's ``trusted_schema = OFF`` refuses those (they are not marked
    innocuous), so it can be set only when none does (plain-SQL triggers)."""
    schema = expected_schema(version)
    calls = (
        re.compile(r"\b(" + "|".join(map(re.escape, sorted(functions))) + r")\s*\(", re.IGNORECASE)
        if functions
        else None
    )
    return calls is not None and any(
        calls.search(sql) for (kind, _), sql in schema.items() if kind in ("trigger", "view")
    )


def schema_differences(conn: sqlite3.Connection, version: int) -> list[str]:
    """How the schema of ``conn`` differs from the migrations' (empty when it does not)."""
    want = expected_schema(version)
    have = schema_of(conn)
    out = []
    for kind, name in sorted(want.keys() - have.keys()):
        out.append(f"{kind} {name} is missing")
    for kind, name in sorted(have.keys() - want.keys()):
        out.append(f"unexpected {kind} {name}")
    for key in sorted(want.keys() & have.keys()):
        if want[key] != have[key]:
            out.append(f"{key[0]} {key[1]} differs from the app's")
    return out


def schema_version() -> int:
    found = migrations()
    return found[-1][0] if found else 0


def default_db_path() -> Path:
    env = os.environ.get("CURATOR_DB")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "yearbook-curator" / "project.db"


def json_list(values: Iterable[int | str]) -> str:
    """One parameter holding a whole list, for ``x IN (SELECT value FROM json_each(?))``.

    A statement with one ``?`` per id fails past SQLite's variable limit (32,766 in its
    default build, about 1,800 entries' suggestions); a JSON array is one variable
    whatever its length, and the primary-key index is still used.
    """
    return json.dumps(list(values), ensure_ascii=False)


IN_LIST = "(SELECT value FROM json_each(?))"


def file_uri(path: Path, mode: str) -> str:
    """An SQLite URI naming exactly ``path``: every character percent-encoded, so a name
    with ``#``, ``?``, ``%`` or spaces (``proj#2.db``, ``dir #2``) is never cut short or
    read as URI parameters (which opened another project)."""
    return f"{path.absolute().as_uri()}?mode={mode}"


def _connect_file(path: Path, mode: str) -> sqlite3.Connection:
    """A connection to the project file ``path`` (URI ``mode``: ro, rw, rwc), autocommit,
    waiting up to BUSY_TIMEOUT_MS for another program's lock."""
    return sqlite3.connect(
        file_uri(path, mode), uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
    )


def _defensive(conn: sqlite3.Connection) -> None:
    """SQLite's hardening for files from elsewhere: no extension loading, and — where
    Python exposes it (3.12+) — SQLITE_DBCONFIG_DEFENSIVE, which forbids writing the
    schema by hand (writable_schema) and other ways of corrupting the file by SQL.
    ``trusted_schema = OFF`` is set once the schema is verified and migrated (see
    :func:`schema_trusts_app_functions`)."""
    with contextlib.suppress(AttributeError, sqlite3.Error):
        conn.enable_load_extension(False)
    setconfig = getattr(conn, "setconfig", None)
    flag = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if setconfig is not None and flag is not None:
        with contextlib.suppress(sqlite3.Error):
            setconfig(flag, True)


def _translate(exc: sqlite3.Error) -> ProjectError:
    name = getattr(exc, "sqlite_errorname", "")
    text = str(exc)
    if name == "SQLITE_FULL" or "disk is full" in text:
        return DiskFullError("disk full: the change was not saved (free some space and retry)")
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        # A file-size limit or a failing write (SQLITE_IOERR_WRITE, not SQLITE_FULL): to
        # the archivist it is the same situation, and SQLite rolled back the same way.
        return DiskFullError(
            "disk full or write error: the change was not saved (free some space and retry)"
        )
    if _busy(exc):
        return BusyError("the project is busy in another window; the change was not saved, retry")
    if name == "SQLITE_READONLY" or "readonly" in text:
        return ProjectError("the project is open read-only; the change was not saved")
    if _damaged(exc):
        return ProjectError(
            f"the project file is damaged ({text}); nothing was changed, restore it from a backup"
        )
    return ProjectError(f"database error: {text}")


_UMASK = os.umask(0o022)
os.umask(_UMASK)
_FULL_ERRNOS = (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC))
_BACKUP_FULL = (
    "disk full: the backup {target} was not written (free some space and retry);"
    " the project is unchanged"
)


def _backup_error(exc: sqlite3.Error, target: Path) -> ProjectError:
    """An error while writing a backup is about the backup's disk, not the project."""
    name = getattr(exc, "sqlite_errorname", "")
    text = str(exc)
    if name in ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_IOERR_WRITE") or "disk is full" in text:
        return DiskFullError(_BACKUP_FULL.format(target=target))
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return DiskFullError(_BACKUP_FULL.format(target=target).replace("disk full", "write error"))
    if name == "SQLITE_CANTOPEN" or "unable to open" in text:
        return ProjectError(f"cannot write the backup {target}: {text}")
    return _translate(exc)


def _hot_journal(path: Path) -> bool:
    """Whether a rollback journal with something in it lies beside the project (left by
    an interrupted write, or another program's write under way). Only stat()ed: opening
    the project's own file in Python would drop this process's locks on it."""
    try:
        return os.stat(f"{path}-journal").st_size > 0
    except OSError:
        return False


def _busy(exc: sqlite3.Error) -> bool:
    """Another connection holds the lock SQLite waited for."""
    return getattr(exc, "sqlite_errorname", "").startswith("SQLITE_BUSY") or (
        "database is locked" in str(exc)
    )


def _busy_opening(path: Path) -> BusyError:
    """The error of an open that found another program writing to ``path``."""
    return BusyError(
        f"{path} is busy: another program is writing to it (an import?);"
        " it was not opened, retry when it is done"
    )


def _damaged(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in str(exc)


class Project:
    """An open project database."""

    def __init__(
        self,
        path: Path | str,
        *,
        readonly: bool = False,
        create: bool = True,
        steps: Mapping[int, Callable[[sqlite3.Connection], None]] | None = None,
    ):
        self.path = Path(path)
        self.readonly = readonly
        # Work a migration needs that SQL cannot do (migration number → function run in
        # the migration's transaction, after its SQL); see app.storage.upgrade.
        self.steps = dict(steps or {})
        if str(self.path) != ":memory:":
            self._check_file(create)
        if readonly and str(self.path) != ":memory:":
            self._roll_back_hot_journal()
        if readonly:
            conn = _connect_file(self.path, "ro")
        elif str(self.path) == ":memory:":
            conn = sqlite3.connect(":memory:", isolation_level=None)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = _connect_file(self.path, "rwc")
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        # Entries another program changed, found by the open (see app.storage.search).
        self.changed_outside: list[int] = []
        self.schema_version = 0  # the file's, once open (its header may have lost it)
        try:
            self._configure()
        except sqlite3.DatabaseError as exc:
            conn.close()
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB" or (
                "file is not a database" in str(exc)
            ):
                raise ProjectError(
                    f"{self.path} is not a project database (not an SQLite file)"
                ) from None
            if _damaged(exc):
                raise ProjectError(
                    f"{self.path} is damaged ({exc}); it was not changed, restore it from a backup"
                ) from None
            if _busy(exc):
                raise _busy_opening(self.path) from None
            if self.readonly and _hot_journal(self.path) and "readonly" in str(exc):
                raise ProjectError(
                    f"An interrupted import left {self.path}-journal; open the project once"
                    " with write access to roll it back (nothing is lost)"
                ) from None
            raise ProjectError(f"{self.path} is not a usable project database ({exc})") from None

    # -- opening ----------------------------------------------------------------------
    def _check_file(self, create: bool) -> None:
        if self.path.is_dir():
            raise ProjectError(f"{self.path} is a folder, not a project file")
        if not self.path.exists():
            if not create or self.readonly:
                raise ProjectError(f"no project at {self.path}")
            return
        size = self.path.stat().st_size
        if size == 0:
            raise ProjectError(f"{self.path} is an empty file, not a project database")
        # The header is not read here: opening and closing the file in Python drops every
        # POSIX lock this process holds on it — those of a connection already open on it
        # (the window's, while a job opens its own), after which another process takes
        # itself for the file's only user (leaves WAL mode, deletes the -wal). SQLite
        # reads the header itself and says SQLITE_NOTADB (see __init__).

    def _roll_back_hot_journal(self) -> None:
        """A write killed mid-transaction under a rollback journal (an import alone on the
        project, see rollback_journal) leaves a hot ``-journal``: a read-only connection
        cannot roll it back and fails ("attempt to write a readonly database"). A short
        writable connection lets SQLite do it, as any writable open does (the file as it
        was before the interrupted write), and sets WAL again, as the writable open does;
        nothing else is written (no migration). Another program's write under way is
        never touched (SQLite sees its locks): busy, as ever. If SQLite cannot write (a
        read-only file or folder), the read-only open says so (see __init__)."""
        if not _hot_journal(self.path):
            return
        try:
            conn = _connect_file(self.path, "rw")
        except sqlite3.Error:
            return
        try:
            _defensive(conn)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()  # rolls it back
            if Path(f"{self.path}-journal").exists():
                return  # not hot after all: another program's write under way
            (mode,) = conn.execute("PRAGMA journal_mode").fetchall()[0]
            if mode != "wal":
                conn.execute("PRAGMA journal_mode = WAL").fetchall()
        except sqlite3.Error as exc:
            if _busy(exc):
                # A write under way in another program holds the file (its journal is
                # not hot): a read-only connection would wait as long and fail the same.
                raise _busy_opening(self.path) from None
            return  # the read-only open says what is wrong
        finally:
            conn.close()

    def _configure(self) -> None:
        c = self.conn
        # The same limit on every build (Debian's allows 250,000 variables, SQLite's
        # default 32,766): a statement that would fail elsewhere fails in our tests too.
        c.setlimit(
            sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER,
            min(MAX_VARIABLES, c.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)),
        )
        _defensive(c)
        c.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        c.execute("PRAGMA foreign_keys = ON")
        recorder = _FunctionRecorder(c)
        for hook in CONNECTION_HOOKS:
            hook(recorder)  # type: ignore[arg-type]
        self._functions = recorder.names
        version = c.execute("PRAGMA user_version").fetchone()[0]
        app_id = c.execute("PRAGMA application_id").fetchone()[0]
        tables = c.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        restored = tables and app_id == 0 and version == 0
        if restored:
            app_id, version = self._restored_format()
        if (tables or self.readonly) and app_id != APP_ID:
            raise ProjectError(f"{self.path} is an SQLite database of another application")
        self._check_version(version)
        if tables:
            # Before any query touches the project's tables: a file whose views or
            # triggers are not exactly the migrations' is refused, never run.
            problems = schema_differences(c, version)
            if problems:
                more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
                refusal = ProjectError(
                    f"{self.path} does not have this app's schema: {'; '.join(problems[:3])}{more};"
                    " it was not opened (restore it from a backup)"
                )
                refusal.schema_problems = problems  # every difference, for curator check
                raise refusal
        self.schema_version = version
        if self.readonly:
            if tables and not schema_trusts_app_functions(self._functions, version):
                c.execute("PRAGMA trusted_schema = OFF")
            for hook in OPEN_HOOKS:
                hook(self)
            return
        if restored and app_id == APP_ID:
            # the header back as it was before the dump
            c.execute(f"PRAGMA user_version = {version}")
            c.execute(f"PRAGMA application_id = {APP_ID}")
        if not tables and str(self.path) != ":memory:":
            c.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # a new file: nothing written yet
        journal = c.execute("PRAGMA journal_mode").fetchone()[0]
        if tables and (journal != "wal" or version < schema_version()):
            # About to rewrite the file (journal mode, migration): never "repair" or
            # build on a damaged one. Skipped on ordinary opens, where it would cost
            # seconds on a large project; damage found later is reported, not fixed.
            rows = [r[0] for r in c.execute("PRAGMA quick_check").fetchall()]
            if rows != ["ok"]:
                raise ProjectError(
                    f"{self.path} is damaged ({rows[0]}); it was not changed, restore it from a backup"
                )
        if journal != "wal":
            c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = FULL")
        if version < schema_version():
            self._migrate(version)
        self.schema_version = schema_version()
        if not schema_trusts_app_functions(self._functions):
            c.execute("PRAGMA trusted_schema = OFF")
        for hook in OPEN_HOOKS:
            hook(self)

    def _restored_format(self) -> tuple[int, int]:
        """(application_id, user_version) of a file whose header says neither — a dump
        restored by another tool — from its ``project_format`` table; (0, 0) when it has
        none. A writable open writes them back into the header (once the schema is
        verified). Only a plain table is read here: nothing of the file's SQL runs."""
        kind = self.conn.execute(
            "SELECT type FROM sqlite_master WHERE name = 'project_format'"
        ).fetchone()
        if kind != ("table",):
            return 0, 0
        try:
            found = dict(self.conn.execute("SELECT key, value FROM project_format"))
        except (sqlite3.DatabaseError, ValueError, TypeError):
            return 0, 0
        try:
            app_id, version = int(found["application_id"]), int(found["schema_version"])
        except (KeyError, ValueError):
            return 0, 0
        if found.get("application") != FORMAT_APPLICATION or app_id != APP_ID:
            return 0, 0
        return app_id, version

    def _check_version(self, version: int) -> None:
        if version > schema_version():
            raise ProjectError(
                f"{self.path} was made by a newer version of Yearbook Curator "
                f"(schema {version}, this version knows {schema_version()}); it was not changed"
            )

    def _migrate(self, version: int) -> None:
        if version > 0 and str(self.path) != ":memory:":
            self.backup(self.path.with_name(f"{self.path.stem}.before-migration-{version}.db"))
        # A migration may rebuild a table others refer to (SQLite's documented procedure:
        # foreign keys off outside the transaction, checked before the commit).
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            for number, name, sql in migrations():
                if number <= version:
                    continue
                # Migrations run statement by statement inside one IMMEDIATE transaction:
                # executescript() would COMMIT behind our back.
                with self.write():
                    for statement in _split_sql(sql):
                        self.conn.execute(statement)
                    if number in self.steps:
                        self.steps[number](self.conn)
                    broken = self.conn.execute("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise ProjectError(
                            f"migration {name} would leave broken references {broken[:3]};"
                            f" {self.path} was not changed"
                        )
                    self.conn.execute(f"PRAGMA user_version = {number}")
                    self.conn.execute(f"PRAGMA application_id = {APP_ID}")
                    if number >= FORMAT_MIGRATION:
                        self.conn.execute(
                            "UPDATE project_format SET value = ? WHERE key = 'schema_version'",
                            (str(number),),
                        )
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    # -- transactions -----------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write transaction (``BEGIN IMMEDIATE``)."""
        if self.readonly:
            raise ProjectError("the project is open read-only; the change was not saved")
        if self.conn.in_transaction:
            # Nested use joins the outer transaction through a savepoint.
            with self.db.atomic():
                yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _translate(exc) from None
        try:
            yield self.conn
            for hook in BEFORE_COMMIT_HOOKS:
                hook(self.conn)
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _translate(exc) from exc
            raise

    @contextlib.contextmanager
    def rollback_journal(self) -> Iterator[bool]:
        """Run the writes inside with a rollback journal instead of the WAL, when this
        connection is the only one open on the file; yields whether it is.

        One transaction under WAL writes every page it adds to the WAL first and into
        the file again at the checkpoint: an import into a project needs twice the disk
        it adds (2.3 GB for a 1.1 GB project of 100,000 entries). A rollback journal
        holds only the pages that were there before the transaction — next to nothing
        for pages appended to the file — and a kill leaves a hot journal that the next
        open rolls back, as the WAL is: still all or nothing.

        SQLite leaves WAL mode only while no other connection has the file open (it
        refuses at once otherwise): then the journal mode is not changed and the writes
        go to the WAL as always. A program that tries to open the project meanwhile
        waits the busy timeout and is told it is busy (a reader under WAL would have
        been let in). WAL is set again afterwards, even when the block fails; if
        another program keeps that from happening, the next open sets it.
        """
        if self.readonly or str(self.path) == ":memory:" or self.conn.in_transaction:
            yield False
            return
        try:
            # fetchall: a statement left unfinished would keep the connection busy
            (mode,) = self.conn.execute("PRAGMA journal_mode = DELETE").fetchall()[0]
        except sqlite3.OperationalError:
            mode = "wal"  # another connection has the file open: keep the WAL
        try:
            yield mode == "delete"
        finally:
            if mode != "wal" and not self.conn.in_transaction:
                with contextlib.suppress(sqlite3.OperationalError):
                    self.conn.execute("PRAGMA journal_mode = WAL").fetchall()
                    # A read opens the WAL: a checkpoint before that fails with "database
                    # table is locked" on SQLite 3.40 (it tries to open it from within).
                    self.conn.execute("SELECT count(*) FROM sqlite_master").fetchall()

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for several reads (exports, reports)."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        cur = self.conn.execute(sql, params)
        cols = [d[0] for d in cur.description or ()]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def scalar(self, sql: str, params: tuple | dict = ()):
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    # -- maintenance ------------------------------------------------------------------
    def backup(self, target: Path | str) -> Path:
        """A transaction-consistent copy through SQLite's backup API (never a file copy).

        Written to a new temporary file beside ``target`` and renamed over it, so a
        failure (a full disk) leaves ``target`` as it was; never onto the project or its
        ``-wal``/``-shm`` files, never over a device or a FIFO.
        """
        target = Path(target)
        problem = target_problem(target, self.path)
        if problem is None and target.is_dir():
            problem = f"{target} is a folder; give the backup a file name"
        if problem:
            raise ProjectError(problem)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        try:
            os.fchmod(fd, 0o666 & ~_UMASK)  # as a file SQLite creates, not mkstemp's 0600
        finally:
            os.close(fd)
        tmp = Path(name)
        try:
            dest = sqlite3.connect(str(tmp))
            try:
                self.conn.backup(dest)
            finally:
                dest.close()
            problem = target_problem(target, self.path)
            if problem:
                raise ProjectError(problem)
            os.replace(tmp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            if isinstance(exc, sqlite3.Error):
                raise _backup_error(exc, target) from None
            if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
                raise DiskFullError(_BACKUP_FULL.format(target=target)) from None
            raise
        return target

    def integrity(self) -> list[str]:
        """Problems found by SQLite's checks (empty when healthy)."""
        problems = []
        rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            problems.extend(f"integrity_check: {r}" for r in rows)
        for row in self.conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"foreign_key_check: {tuple(row)}")
        fts = [
            name
            for (name,) in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE '%USING fts5%'"
            ).fetchall()
        ]
        if fts:
            problems.extend(self._fts_integrity(fts))
        return problems

    def _fts_integrity(self, tables: list[str]) -> list[str]:
        """FTS5's own check (``PRAGMA integrity_check`` misses a stale index).

        The check is spelled as an INSERT, which a read-only connection refuses; for a
        project opened read-only it runs on a second connection inside a transaction that
        is rolled back, so the file is not changed.
        """
        conn = self.conn
        if self.readonly:
            try:
                conn = _connect_file(self.path, "rw")
            except sqlite3.Error:
                return []  # a read-only file: FTS5 cannot be checked here
            for hook in CONNECTION_HOOKS:
                hook(conn)
        problems = []
        try:
            for name in tables:
                try:
                    if self.readonly:
                        conn.execute("BEGIN")
                    # rank 0: the index's own consistency; search_fts holds the app's tokens
                    # of entry's text, never what FTS5 would make of that text itself
                    # (app.storage.search.index_problems compares those)
                    conn.execute(f"INSERT INTO {name}({name}, rank) VALUES('integrity-check', 0)")
                except sqlite3.DatabaseError as exc:
                    problems.append(f"{name}: {exc}")
                finally:
                    if self.readonly and conn.in_transaction:
                        conn.execute("ROLLBACK")
        finally:
            if conn is not self.conn:
                conn.close()
        return problems

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--") and not "".join(current).strip():
            continue
        current.append(line)
        joined = "\n".join(current)
        if sqlite3.complete_statement(joined):
            statements.append(joined.strip())
            current = []
    tail = "\n".join(current).strip()
    if tail:
        statements.append(tail)
    return [s for s in statements if s and not s.startswith("--")]


def discard_new_project(path: Path | str) -> None:
    """Remove a project file this process has just created and not filled (a refused
    import into a new path), with its -wal/-shm files; call it once it is closed.
    A file that holds a source by now (another process imported into it) is kept."""
    try:
        conn = sqlite3.connect(file_uri(Path(path), "ro"), uri=True)
        try:
            if conn.execute("SELECT count(*) FROM source").fetchone()[0]:
                return
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # no source table: nothing was imported
    for f in project_files(path):
        with contextlib.suppress(FileNotFoundError):
            f.unlink()


def open_project(
    path: Path | str | None = None, *, readonly: bool = False, create: bool = True
) -> Project:
    """Open (and migrate) a project with the schema's SQL only; the CLI and the window
    open through :func:`app.storage.upgrade.open_project`, which adds the Python steps."""
    return Project(path or default_db_path(), readonly=readonly, create=create)
