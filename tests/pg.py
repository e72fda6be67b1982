"""A throwaway PostgreSQL cluster from Debian's initdb/pg_ctl, on a Unix socket."""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def find_pg_bin() -> Path | None:
    """The directory holding initdb and pg_ctl, or None."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _scratch_dir() -> str | None:
    """A memory-backed directory for the cluster when there is room (None: the default
    temporary directory). On disk, CREATE DATABASE ... TEMPLATE for every test waits on I/O
    (~0.4 s on a busy machine against ~0.03 s in memory); the data is thrown away anyway."""
    shm = "/dev/shm"
    try:
        st = os.statvfs(shm)
    except OSError:
        return None
    room = st.f_bavail * st.f_frsize
    return shm if room >= 2 * 1024**3 and os.access(shm, os.W_OK | os.X_OK) else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    """A running cluster; `url(db)` names a database in it."""

    bindir: Path
    root: Path
    port: int
    as_user: list[str]

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.root}&port={self.port}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.as_user, *args], check=check, capture_output=True, text=True, timeout=120
        )

    def start(self) -> None:
        opts = (
            f"-k {self.root} -p {self.port} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-o",
            opts,
            "-l",
            str(self.root / "log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-m",
            mode,
            "-w",
            "stop",
            check=False,
        )

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def create_cluster() -> Cluster:
    """initdb a fresh cluster in a temporary directory and start it."""
    bindir = find_pg_bin()
    if bindir is None:
        raise RuntimeError("initdb not found: install Debian's postgresql package")
    root = Path(tempfile.mkdtemp(prefix="forlop-pg-", dir=_scratch_dir()))
    as_user: list[str] = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root; Debian's package brings a postgres user.
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
        os.chmod(root, 0o755)
        as_user = ["runuser", "-u", "postgres", "--"]
    cluster = Cluster(bindir=bindir, root=root, port=_free_port(), as_user=as_user)
    cluster._run(
        str(bindir / "initdb"),
        "-D",
        str(cluster.datadir),
        "-U",
        "postgres",
        "--auth=trust",
        "--encoding=UTF8",
        "--no-locale",
        "--no-sync",
    )
    cluster.start()
    return cluster
