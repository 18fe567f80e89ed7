"""The registered extractors, imported in run order: importing a module registers it."""

# isort: off
from kg.extract import regions  # noqa: F401  places, zones, PART_OF
from kg.extract import context  # noqa: F401  main region, sections, 该县
from kg.extract import companies  # noqa: F401  companies and their short names
from kg.extract import projects  # noqa: F401  projects, IMPLEMENTS, INVESTS, UNDERTAKES
from kg.extract import taskforces  # noqa: F401  task forces, LOCATED_IN, IN_INDUSTRY
from kg.extract import officials  # noqa: F401  HOLDS_POSITION, LEADS, VISITED
from kg.extract import signings  # noqa: F401  SIGNED, project IN_INDUSTRY
# isort: on
