"""The extraction components, peers: each imports only ``kg.extract.zh``, the base,
the article document, ``kg.model`` and ``kg.resources`` (tests/test_components.py
holds them to it). Importing this package registers them; DEFAULT is the run
order, checked against their declared contracts when it is imported."""

from kg.extract import base
from kg.extract.components import (  # noqa: F401  (importing registers)
    companies,
    context,
    industries,
    officials,
    organisations,
    projects,
    regions,
    signings,
    taskforces,
    visits,
)

DEFAULT: tuple[str, ...] = (
    "regions",      # places, zones, PART_OF
    "context",      # main region, sections, 该县
    "companies",    # companies and their short names, LOCATED_IN
    "projects",     # projects, IMPLEMENTS, INVESTS, UNDERTAKES
    "taskforces",   # task forces, LOCATED_IN, IN_INDUSTRY
    "organisations",  # bodies named with no person, LOCATED_IN
    "officials",    # HOLDS_POSITION, LEADS
    "industries",   # IN_INDUSTRY of projects and companies
    "signings",     # SIGNED
    "visits",       # VISITED
)

base.check(DEFAULT)
