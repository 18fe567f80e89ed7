"""bench/calibrate.py: a rule's confidence is its smoothed precision on the gold."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from calibrate import calibrated  # noqa: E402

from kg.extract.base import rules  # noqa: E402


def test_precision_is_smoothed_and_unjudged_facts_do_not_count():
    assert calibrated(Counter(true=3, false=1)) == 0.67  # (3 + 1) / (4 + 2)
    assert calibrated(Counter(true=8, false=0, unjudged=40)) == 0.9  # 9 / 10
    assert calibrated(Counter(true=0, false=2)) == 0.25
    assert calibrated(Counter(unjudged=5)) is None  # nothing judged: keep the table's number


def test_the_table_holds_probabilities():
    assert rules() and all(0 < r.confidence <= 1 for r in rules().values())
