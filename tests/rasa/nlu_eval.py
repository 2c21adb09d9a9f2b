"""Evaluate the trained NLU model on the held-out sets (never trained on).

Three sets per language, written independently and at different times: tests/nlu/heldout/<lang>.yml
(190 messages, 60 of them distress), tests/nlu/heldout2/<lang>.yml and tests/nlu/heldout3/<lang>.yml
(the same 190-message plan). The gate scores each language on all three together (570 messages, 180
distress), so that one message moves distress recall by 0.006; each set's own figures are reported
too.

Writes reports/nlu/<lang>.json and reports/nlu/summary.json: intent accuracy, macro-F1, distress
recall (any distress_* prediction counts) and false distress (non-distress predicted as distress).
Run: .venv-rasa/bin/python -m tests.rasa.nlu_eval [model]
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from nlu.components.langid import read_examples

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "nlu" / "heldout"
HELDOUT_SETS = [HELDOUT, ROOT / "tests" / "nlu" / "heldout2", ROOT / "tests" / "nlu" / "heldout3"]
# Every language of the registry must have every set (the tests check it against this).
REGISTERED_LANGUAGES = sorted(yaml.safe_load((ROOT / "locales" / "languages.yml").read_text(encoding="utf-8")))
REPORTS = ROOT / "reports" / "nlu"
TARGETS = {"macro_f1_overall": 0.90, "macro_f1_language": 0.85, "distress_recall": 0.97, "false_distress": 0.03}


def heldout_examples(lang: str) -> List[Tuple[str, str, str]]:
    """(text, intent, set name) for every held-out example of a language, over all sets."""
    return [(text, intent, directory.name) for directory in HELDOUT_SETS for text, intent in read_examples(directory / f"{lang}.yml")]


def macro_f1(pairs: List[Tuple[str, str]]) -> float:
    """Macro-F1 over the gold intents (a fallback prediction counts as wrong)."""
    tp: Dict[str, int] = defaultdict(int)
    fp: Dict[str, int] = defaultdict(int)
    fn: Dict[str, int] = defaultdict(int)
    for gold, pred in pairs:
        if gold == pred:
            tp[gold] += 1
        else:
            fn[gold] += 1
            fp[pred] += 1
    scores = []
    for intent in {g for g, _ in pairs}:
        p = tp[intent] / (tp[intent] + fp[intent]) if tp[intent] + fp[intent] else 0.0
        r = tp[intent] / (tp[intent] + fn[intent]) if tp[intent] + fn[intent] else 0.0
        scores.append(2 * p * r / (p + r) if p + r else 0.0)
    return sum(scores) / len(scores)


def score(pairs: List[Tuple[str, str]]) -> Dict[str, float]:
    distress = [(g, p) for g, p in pairs if g.startswith("distress_")]
    other = [(g, p) for g, p in pairs if not g.startswith("distress_")]
    return {
        "n": len(pairs),
        "accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 4),
        "macro_f1": round(macro_f1(pairs), 4),
        "distress_recall": round(sum(p.startswith("distress_") for _, p in distress) / len(distress), 4),
        "false_distress": round(sum(p.startswith("distress_") for _, p in other) / len(other), 4),
    }


async def evaluate(model_path: str) -> Dict[str, object]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # Rasa logs every parsed text at DEBUG otherwise
    agent = Agent.load(model_path)
    REPORTS.mkdir(parents=True, exist_ok=True)
    summary: Dict[str, object] = {"languages": {}, "targets": TARGETS, "sets": {}}
    everything: List[Tuple[str, str]] = []
    by_set: Dict[str, Dict[str, List[Tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for lang in REGISTERED_LANGUAGES:
        pairs, errors, fell_back = [], [], 0
        for text, gold, set_name in heldout_examples(lang):
            parsed = await agent.parse_message(text)
            # The classifier's answer is the top intent below the fallback; whether the
            # fallback fired is reported separately (it asks back, it does not misroute).
            top = next(r for r in parsed["intent_ranking"] if r["name"] != "nlu_fallback")
            pred = top["name"]
            pairs.append((gold, pred))
            by_set[set_name][lang].append((gold, pred))
            fell_back += parsed["intent"]["name"] == "nlu_fallback"
            if pred != gold:
                errors.append({"set": set_name, "text": text, "gold": gold, "predicted": pred, "confidence": round(top["confidence"], 3)})
        everything += pairs
        result = {**score(pairs), "fallback_rate": round(fell_back / len(pairs), 4)}
        (REPORTS / f"{lang}.json").write_text(json.dumps({**result, "errors": errors}, ensure_ascii=False, indent=1), encoding="utf-8")
        summary["languages"][lang] = result  # type: ignore[index]
    summary["overall"] = score(everything)
    for set_name, per_language in by_set.items():
        summary["sets"][set_name] = {  # type: ignore[index]
            "overall": score([pair for pairs in per_language.values() for pair in pairs]),
            "languages": {lang: score(pairs) for lang, pairs in per_language.items()},
        }
    (REPORTS / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return summary


def print_table(summary: Dict[str, object]) -> None:
    print(f"{'lang':6}{'n':>6}{'acc':>8}{'macroF1':>9}{'distress recall':>17}{'false distress':>16}{'fallback':>10}")
    rows = dict(summary["languages"])  # type: ignore[arg-type]
    rows["ALL"] = summary["overall"]
    for lang, r in rows.items():
        print(f"{lang:6}{r['n']:>6}{r['accuracy']:>8.3f}{r['macro_f1']:>9.3f}{r['distress_recall']:>17.3f}{r['false_distress']:>16.3f}{r.get('fallback_rate', float('nan')):>10.3f}")
    sets = dict(summary.get("sets", {}))  # type: ignore[arg-type]
    if len(sets) > 1:
        print("each set on its own (the gate scores them together, above):")
        print(f"{'set':10}{'n':>6}{'macroF1':>9}{'distress recall':>17}{'lowest language':>18}{'false distress':>16}")
        for set_name, figures in sets.items():
            r, langs = figures["overall"], figures["languages"]
            low = min(langs, key=lambda lang: langs[lang]["distress_recall"])
            print(f"{set_name:10}{r['n']:>6}{r['macro_f1']:>9.3f}{r['distress_recall']:>17.3f}{low:>11} {langs[low]['distress_recall']:.3f}{r['false_distress']:>16.3f}")


if __name__ == "__main__":
    print_table(asyncio.run(evaluate(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "models" / "current.tar.gz"))))
