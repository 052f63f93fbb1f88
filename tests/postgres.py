"""A throw-away PostgreSQL server for the tests, and the test modules that run on it as well as SQLite.

The server is Debian's `postgresql` (installed by scripts/test.sh): `initdb` and `pg_ctl` from
/usr/lib/postgresql/*/bin, run in a temporary folder on a free loopback port, as an unprivileged
user when the tests run as root (PostgreSQL refuses root). Each test gets a database of its own.
`TEST_POSTGRES_URL` (an admin URL such as postgresql+psycopg://postgres@127.0.0.1:5432/postgres)
uses a running server instead. `TEST_POSTGRES`: `require` (scripts/test.sh sets it) makes a server
that cannot start an error; `skip` skips the PostgreSQL pass; unset, the pass is skipped, with
the reason, only where PostgreSQL or psycopg is not installed.
"""
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

# The modules (or folders) whose tests run on both databases: everything that stores rows.
BOTH_DATABASES = (
    "tests/test_models.py",
    "tests/test_session_store.py",
    "tests/test_owner_auth.py",
    "tests/test_admin.py",
    "tests/login/",
    "tests/faults/test_kill_restart.py",
)

# Durability against an OS crash is not what a throw-away server is for; an app killed with -9 is.
FAST_SETTINGS = ("-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off")


class PostgresUnavailable(Exception):
    """PostgreSQL (or psycopg) is not installed here: the reason to skip or fail."""


def runs_on_both(nodeid: str) -> bool:
    """Whether the test with this node id runs on PostgreSQL as well as SQLite."""
    return nodeid.startswith(BOTH_DATABASES)


def binaries() -> str:
    """The newest installed PostgreSQL's bin folder (Debian's layout)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda path: int(path.split("/")[-3]) if path.split("/")[-3].isdigit() else 0)
    if not found:
        raise PostgresUnavailable("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl): "
                                  "apt-get install postgresql, or run bash scripts/test.sh")
    return os.path.dirname(found[-1])


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """A PostgreSQL server for one test session: start, a fresh database per test, stop and delete."""

    def __init__(self):
        try:
            import psycopg  # noqa: F401 - the driver the URLs name
        except ImportError:
            raise PostgresUnavailable("psycopg is not installed: pip install -r requirements-test.txt") from None
        self.admin_url = os.environ.get("TEST_POSTGRES_URL")
        self.folder = None
        self.bin = None
        self.names = itertools.count(1)

    def start(self) -> "PostgresServer":
        """Initialise and start the server (unless TEST_POSTGRES_URL names one); return self."""
        if self.admin_url:
            return self
        self.bin = binaries()
        self.folder = tempfile.mkdtemp(prefix="telegram-web-pg-")
        user = self.unprivileged_user()
        if user:
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        try:
            self.run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--no-sync",
                     "-E", "UTF8", "--locale=C.UTF-8")
            return self.listen()
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
            raise

    def listen(self) -> "PostgresServer":
        """Start the initialised server on a free loopback port; return self."""
        for _ in range(3):  # another process may take the free port before the server binds it
            port = free_port()
            options = " ".join(("-h 127.0.0.1", f"-p {port}", f"-k {self.folder}", *FAST_SETTINGS))
            started = subprocess.run(self.command("pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60",
                                                  "-o", options, "start"),
                                     capture_output=True, text=True, cwd=self.folder)
            if started.returncode == 0:
                self.admin_url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
                return self
        raise RuntimeError(f"PostgreSQL did not start: {started.stdout}{started.stderr}\n{self.log_tail()}")

    @property
    def data(self) -> str:
        """The cluster's data folder."""
        return os.path.join(self.folder, "data")

    @property
    def log(self) -> str:
        """The server's log file."""
        return os.path.join(self.folder, "server.log")

    def log_tail(self) -> str:
        """The end of the server's log, for error messages."""
        try:
            with open(self.log) as fh:
                return fh.read()[-2000:]
        except OSError:
            return "(no server log)"

    @staticmethod
    def unprivileged_user():
        """Who runs the server when we are root: Debian's `postgres` user, else `nobody`; None when not root."""
        if os.geteuid() != 0:
            return None
        for name in ("postgres", "nobody"):
            try:
                return pwd.getpwnam(name)
            except KeyError:
                continue
        raise PostgresUnavailable("running as root and neither a 'postgres' nor a 'nobody' user exists")

    def command(self, program: str, *args: str) -> list[str]:
        """`program` from PostgreSQL's bin folder, as the unprivileged user when we are root."""
        user = self.unprivileged_user()
        prefix = ["runuser", "-u", user.pw_name, "--"] if user else []
        return [*prefix, os.path.join(self.bin, program), *args]

    def run(self, program: str, *args: str) -> None:
        """Run a PostgreSQL program; raise with its output when it fails."""
        done = subprocess.run(self.command(program, *args), capture_output=True, text=True, cwd=self.folder)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stdout}{done.stderr}")

    def admin(self, statement: str) -> None:
        """Run one statement on the server's maintenance database (outside a transaction)."""
        import psycopg
        with psycopg.connect(self.admin_url.replace("+psycopg", ""), autocommit=True) as connection:
            connection.execute(statement)

    def create_database(self) -> str:
        """A new empty database; return its SQLAlchemy URL."""
        name = f"telegram_web_test_{os.getpid()}_{next(self.names)}"
        self.admin(f'CREATE DATABASE "{name}"')
        return self.admin_url.rsplit("/", 1)[0] + "/" + name

    def drop_database(self, url: str) -> None:
        """Drop the database of `url`, closing whatever connection a test left open."""
        self.admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server we started and delete its folder."""
        if self.folder is None:
            return
        subprocess.run(self.command("pg_ctl", "-D", self.data, "-m", "immediate", "stop"), capture_output=True,
                       cwd=self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
