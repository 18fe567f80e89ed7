"""The contract of an extraction component, in the style of spaCy's factories.

    @component("officials", requires=("region", "mentions:Region"), assigns=("mentions:Official",))
    def run(doc: ArticleDoc) -> None: ...

``requires`` and ``assigns`` name what a component reads from and leaves on the
ArticleDoc: ``region`` (the current region of each sentence), ``main_region``,
``short_forms``, ``aliases``, and ``mentions:TYPE`` (mentions of one entity type).
``check`` proves, when the package is imported, that each requirement of the
default pipeline is assigned by an earlier component. A component emits facts
with ``doc.emit(..., rule=...)``; the rule's confidence is data (schema/confidence.tsv)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from kg.resources import data_dir


@dataclass(frozen=True)
class Component:
    name: str
    run: Callable  # (ArticleDoc) -> None
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


REGISTRY: dict[str, Component] = {}


def component(name: str, requires: Sequence[str] = (), assigns: Sequence[str] = ()) -> Callable:
    """Register the decorated ``run(doc)`` as the component NAME."""
    def deco(fn: Callable) -> Callable:
        if name in REGISTRY:
            raise ValueError(f"extract component {name!r} registered twice")
        REGISTRY[name] = Component(name, fn, tuple(requires), tuple(assigns))
        return fn
    return deco


def check(order: Sequence[str]) -> None:
    """Every component of ORDER is registered, and each of its requirements is
    assigned by a component before it."""
    assigned: set[str] = set()
    for name in order:
        if name not in REGISTRY:
            raise ValueError(f"extract pipeline names {name!r}, which no component registers")
        comp = REGISTRY[name]
        missing = [r for r in comp.requires if r not in assigned]
        if missing:
            raise ValueError(f"extract component {name!r} requires {', '.join(missing)}, "
                             f"which no component before it assigns")
        assigned.update(comp.assigns)


@dataclass(frozen=True)
class Rule:
    confidence: float
    label: str  # what provenance names as the fact's source


@cache
def rules() -> dict[tuple[str, str], Rule]:
    """schema/confidence.tsv: component, rule, confidence (and, rarely, a provenance label)."""
    path = data_dir("schema") / "confidence.tsv"
    out: dict[tuple[str, str], Rule] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        comp, rule, conf, *label = line.split("\t")
        if comp == "component":
            continue  # the header
        try:
            out[comp, rule] = Rule(float(conf), label[0].strip() if label and label[0].strip() else comp)
        except ValueError:
            raise ValueError(f"{path}:{n}: confidence {conf!r} is not a number") from None
    return out


def rule(comp: str, name: str) -> Rule:
    try:
        return rules()[comp, name]
    except KeyError:
        raise KeyError(f"schema/confidence.tsv has no row for component {comp!r}, rule {name!r}") from None
