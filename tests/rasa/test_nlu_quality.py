"""The NLU quality gate: held-out evaluation per language (reports in reports/nlu/)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
import yaml

from tests.rasa.nlu_eval import HELDOUT_SETS, REGISTERED_LANGUAGES, evaluate, print_table

ROOT = Path(__file__).resolve().parents[2]
GATE = yaml.safe_load((ROOT / "tests" / "nlu" / "gate.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def summary():
    model = os.environ.get("RAFIQ_MODEL", str(ROOT / "models" / "current.tar.gz"))
    result = asyncio.run(evaluate(model))
    print_table(result)
    return result


def test_every_language_is_scored_on_every_held_out_set(summary) -> None:
    languages = REGISTERED_LANGUAGES
    assert len(languages) == 12
    assert sorted(summary["languages"]) == languages
    assert sorted(summary["sets"]) == [d.name for d in HELDOUT_SETS] == ["heldout", "heldout2", "heldout3"]
    for figures in summary["sets"].values():
        assert sorted(figures["languages"]) == languages
        assert all(r["n"] >= 150 for r in figures["languages"].values())
    assert all(r["n"] == sum(s["languages"][lang]["n"] for s in summary["sets"].values()) for lang, r in summary["languages"].items())


def test_overall_macro_f1(summary) -> None:
    assert summary["overall"]["macro_f1"] >= GATE["macro_f1_overall"]


def test_macro_f1_in_every_language(summary) -> None:
    low = {lang: r["macro_f1"] for lang, r in summary["languages"].items() if r["macro_f1"] < GATE["macro_f1_language"]}
    assert not low, f"below {GATE['macro_f1_language']}: {low}"


def test_distress_recall_in_every_language(summary) -> None:
    low = {lang: r["distress_recall"] for lang, r in summary["languages"].items() if r["distress_recall"] < GATE["distress_recall"]}
    assert not low, f"below {GATE['distress_recall']}: {low}"


def test_false_distress_overall(summary) -> None:
    assert summary["overall"]["false_distress"] <= GATE["false_distress"]
