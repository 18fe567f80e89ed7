"""kg: Chinese regional-government news -> knowledge graph.

The Python API mirrors the CLI: ``kg.build(["seeds/"], "kg-out")`` is ``kg build seeds/ --out kg-out``.
"""

from kg.pipeline import BuildReport, build

__all__ = ["build", "BuildReport"]
__version__ = "0.1.0"
