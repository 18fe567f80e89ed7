"""Neo4j 5 itself as the Bolt server of the tests and bench/load_neo4j.py.

tests/neo4j/ holds a tiny launcher (a pom.xml and one class): Neo4j's embedded
edition from Maven Central with its Bolt connector, listening on 127.0.0.1 only.
`.ci/run` builds it with Maven (tests/java.py builds it too when it is missing).
The server runs as a separate process on a free port, is waited for until
`RETURN 1` answers and is stopped by its PID. It also stops by itself when its
standard input closes, so it cannot outlive the pytest (or bench) that started it.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from java import java_command

LAUNCHER = Path(__file__).resolve().parent / "neo4j"


@dataclass
class BoltServer:
    uri: str
    user: str
    password: str
    database: str
    pid: int = 0
    version: str = ""  # the server's own agent string, e.g. 'Neo4j/5.26.30'
    home: Path | None = None

    def args(self) -> list[str]:
        """The connection options of `kg load` and `kg query --neo4j`."""
        return ["--neo4j", self.uri, "--user", self.user, "--password", self.password,
                "--database", self.database]


def neo4j_version() -> str:
    """The Neo4j version the launcher's pom.xml pins."""
    return re.search(r"<neo4j.version>(.*?)<", (LAUNCHER / "pom.xml").read_text()).group(1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _agent(server: BoltServer) -> str | None:
    """The server's agent once `RETURN 1` answers; None while it does not."""
    import neo4j

    try:
        port = int(server.uri.rsplit(":", 1)[1])
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as d, \
                d.session(database=server.database) as s:
            s.run("RETURN 1").consume()
            return d.get_server_info().agent
    except Exception:  # not up yet: refused, no database, or the password not yet set
        return None


@contextlib.contextmanager
def neo4j_server(home: Path, heap: str = "1g", restart: BoltServer | None = None,
                 timeout: float = 180) -> Iterator[BoltServer]:
    """Start Neo4j with its store in HOME; yield once `RETURN 1` answers.
    RESTART: a server stopped earlier, started again on its store, port and password."""
    if restart:
        port, password = int(restart.uri.rsplit(":", 1)[1]), restart.password
    else:
        port, password = _free_port(), "kg-test-" + os.urandom(6).hex()
    cmd = java_command(LAUNCHER, "kg.Neo4jLauncher")
    cmd[1:1] = [f"-Xmx{heap}", "-XX:+UseParallelGC"]
    home.mkdir(parents=True, exist_ok=True)
    log_path = home / "server.log"
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([*cmd, str(home / "store"), str(port), password],
                                stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT,
                                cwd=home, start_new_session=True)
        try:
            server = BoltServer(f"bolt://127.0.0.1:{port}", "neo4j", password, "neo4j", proc.pid,
                                home=home)
            deadline = time.monotonic() + timeout
            while not (agent := _agent(server)):
                if proc.poll() is not None:
                    raise RuntimeError("Neo4j exited:\n" + log_path.read_text()[-3000:])
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Neo4j did not answer RETURN 1 in {timeout:.0f} s")
                time.sleep(0.3)
            server.version = agent
            yield server
        finally:
            if proc.poll() is None:  # a test may have killed it already
                os.kill(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
            if proc.stdin:
                proc.stdin.close()


def admin_import(export: Path, home: Path, heap: str = "1g") -> subprocess.CompletedProcess:
    """Run EXPORT/import.sh (written by `kg export --format neo4j-csv`) with neo4j-admin
    from the launcher's jars (org.neo4j.cli.AdminTool; neo4j-import-tool is among
    them) into a fresh store in HOME, which `neo4j_server(HOME)` then starts on."""
    (home / "store" / "conf").mkdir(parents=True)
    (home / "store" / "conf" / "neo4j.conf").write_text("")
    java, _, classpath, _ = java_command(LAUNCHER, "org.neo4j.cli.AdminTool")
    bin_ = home / "bin"
    bin_.mkdir()
    (bin_ / "neo4j-admin").write_text(
        f'#!/bin/sh\nexec "{java}" -Xmx{heap} -cp "{classpath}" org.neo4j.cli.AdminTool "$@"\n')
    (bin_ / "neo4j-admin").chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_}{os.pathsep}{os.environ['PATH']}",
               NEO4J_HOME=str(home / "store"), NEO4J_CONF=str(home / "store" / "conf"))
    return subprocess.run(["sh", str(export / "import.sh")], env=env, capture_output=True, text=True)
