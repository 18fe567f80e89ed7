"""The command line as a user meets it: version, help, and bad input."""

from __future__ import annotations

from conftest import ROOT, run_kg


def test_version_and_short_help():
    import tomllib

    from kg import __version__

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["name"] == "cnkg"  # "kg" on PyPI is another project
    assert run_kg("--version").stdout.strip() == f"kg {__version__} (cnkg)"
    for args in (("-h",), ("build", "-h"), ("viz", "-h")):
        assert "Usage: kg" in run_kg(*args).stdout
