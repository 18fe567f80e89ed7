"""The registered extractors, imported in run order: importing a module registers it."""

# isort: off
from kg.extract import regions  # noqa: F401  places, zones, PART_OF
from kg.extract import context  # noqa: F401  main region, sections, 该县
# isort: on
