"""A throwaway PostgreSQL cluster for tests and benchmarks: initdb, pg_ctl, a Unix socket in a
temporary folder, no TCP port (listen_addresses=''), trust authentication, removed on stop.

    python tests/pgserver.py start DIR   # prints the superuser URL; the cluster lives in DIR
    python tests/pgserver.py stop DIR

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user (which
Debian's package creates) or `nobody`, and DIR is handed to that user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "dsr_admin"
_RUN_AS = ("postgres", "nobody")


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/N/bin."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(os.path.realpath(initdb)).parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.access(f"{folder}/initdb", os.X_OK) and os.access(f"{folder}/pg_ctl", os.X_OK):
            return Path(folder)
    return None


def _run_as() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in _RUN_AS:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run the server")


@dataclass(frozen=True)
class Cluster:
    folder: Path
    bin: Path

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str = "postgres", user: str = SUPERUSER,
            password: str | None = None) -> str:
        secret = f":{quote(password, safe='')}" if password else ""
        return (f"postgresql+psycopg://{user}{secret}@/{database}"
                f"?host={quote(str(self.socket_dir), safe='')}")

    def _command(self, *args: str) -> list[str]:
        user = _run_as()
        if user is None:
            return list(args)
        return ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups",
                *args]

    def start(self) -> None:
        data = self.folder / "data"
        log = self.folder / "server.log"
        user = _run_as()
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        if user is not None:
            for path in (self.folder, self.socket_dir):
                os.chown(path, user.pw_uid, user.pw_gid)
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        subprocess.run(self._command(str(self.bin / "initdb"), "-D", str(data), "-U",
                                     SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-sync",
                                     "--locale=C.UTF-8"),
                       check=True, capture_output=True, env=env)
        options = (f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=100 -c shared_buffers=128MB")
        subprocess.run(self._command(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(log),
                                     "-o", options, "-w", "-t", "60", "start"),
                       check=True, capture_output=True, env=env)

    def stop(self) -> None:
        subprocess.run(self._command(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"),
                                     "-m", "immediate", "-w", "stop"),
                       capture_output=True)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster(folder: str | None = None) -> Cluster:
    """Start a new cluster (in `folder`, else a new temporary folder outside pytest's private
    tmp tree, which the server's user could not enter)."""
    bin_dir = find_binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL binaries (initdb, pg_ctl) not found")
    path = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="dsrdraft-pg-"))
    path.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(path, bin_dir)
    cluster.start()
    return cluster


def create_database(admin_url: str, name: str) -> None:
    """CREATE DATABASE `name` (autocommit: it cannot run inside a transaction)."""
    import psycopg

    with psycopg.connect(_libpq(admin_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def _libpq(url: str) -> str:
    """The libpq form of a `postgresql+psycopg://` URL."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print("usage: python tests/pgserver.py start|stop DIR", file=sys.stderr)
        return 2
    bin_dir = find_binaries()
    if bin_dir is None:
        print("PostgreSQL binaries (initdb, pg_ctl) not found", file=sys.stderr)
        return 1
    cluster = Cluster(Path(argv[1]).resolve(), bin_dir)
    if argv[0] == "stop":
        cluster.stop()
        return 0
    cluster.folder.mkdir(parents=True, exist_ok=True)
    cluster.start()
    print(cluster.url())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
