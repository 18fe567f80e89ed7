from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bolt import BoltServer, arcadedb

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "eval" / "gold"  # the seeds' gold facts (docs/SCHEMA.md)
DEV = ROOT / "eval" / "dev"  # twenty further articles; their gold is in DEV / "gold"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def run_kg(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real `kg` command line in a subprocess, as a user would."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> Path:
    """The seeds built once for the whole session, through the CLI."""
    out = tmp_path_factory.mktemp("seeds-out")
    run_kg("build", str(SEEDS), "--out", str(out))
    return out


@pytest.fixture(scope="session")
def dev_build(tmp_path_factory) -> Path:
    """The dev corpus built once for the whole session, through the CLI (the files,
    not the folder, which also holds the gold)."""
    out = tmp_path_factory.mktemp("dev-out")
    run_kg("build", *map(str, sorted(DEV.glob("*.txt"))), "--out", str(out))
    return out


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory) -> Iterator[BoltServer]:
    """A real Bolt + openCypher server (ArcadeDB), for the whole session."""
    with arcadedb(tmp_path_factory.mktemp("arcadedb")) as server:
        yield server
