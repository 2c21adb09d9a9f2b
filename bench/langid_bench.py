"""Measure language identification on ../shared/eval-data/langid (never trained on) and print figures.

Compares our pipeline (script router + backend + romanised model trained on nlu/) with each backend,
and with plain langdetect on the same data. Run: .venv-rasa/bin/python -m bench.langid_bench [--json F]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional

from nlu.components.langid import LANGUAGES, build_detector, train_models

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("RAFIQ_LANGID_EVAL", ROOT.parent / "shared" / "eval-data" / "langid"))
LINGUA_OURS = ("en", "ar", "hi", "ur", "bn", "tl", "ta", "te")  # our languages that lingua's data covers
TARGETS = {"tatoeba_macro": 0.97, "lingua_word_pairs_macro": 0.90, "roman_urdu_as_ur_or_hi": 0.70, "romanized_as_tl_id_sw": 0.05}


def read(path: Path) -> List[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def tatoeba() -> Dict[str, List[str]]:
    data = {}
    for lang in LANGUAGES:
        path = EVAL / "tatoeba" / f"{lang}.txt"
        data[lang] = read(path if path.exists() else EVAL / "tatoeba-challenge" / f"{lang}.txt")
    return data


def plain_langdetect() -> Callable[[str], Optional[str]]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def run(text: str) -> Optional[str]:
        try:
            return {"fil": "tl"}.get(detect(text), detect(text))
        except LangDetectException:
            return None

    return run


def macro(detect: Callable[[str], Optional[str]], data: Dict[str, List[str]]) -> Dict[str, float]:
    per = {lang: sum(detect(t) == lang for t in lines) / len(lines) for lang, lines in data.items()}
    return {"macro": statistics.mean(per.values()), **per}


def share(detect: Callable[[str], Optional[str]], lines: List[str], labels: set) -> float:
    return sum(detect(t) in labels for t in lines) / len(lines)


def evaluate(name: str, detect: Callable[[str], Optional[str]]) -> Dict[str, object]:
    roman_urdu = read(EVAL / "romanized" / "roman-urdu.txt")
    arabizi = read(EVAL / "romanized" / "arabizi.txt")
    pairs = {lang: read(EVAL / "lingua" / "word-pairs" / f"{lang}.txt") for lang in LINGUA_OURS}
    words = {lang: read(EVAL / "lingua" / "single-words" / f"{lang}.txt") for lang in LINGUA_OURS}
    tat = tatoeba()
    timings = []
    for text in tat["en"][:300] + tat["hi"][:300] + tat["ur"][:300]:
        start = time.perf_counter()
        detect(text)
        timings.append((time.perf_counter() - start) * 1e6)
    return {
        "detector": name,
        "tatoeba": macro(detect, tat),
        "lingua_word_pairs": macro(detect, pairs),
        "lingua_single_words": macro(detect, words),
        "roman_urdu_as_ur_or_hi": share(detect, roman_urdu, {"ur", "hi"}),
        "romanized_as_tl_id_sw": share(detect, roman_urdu + arabizi, {"tl", "id", "sw"}),
        "arabizi_as_ar": share(detect, arabizi, {"ar"}),
        "p50_us": statistics.median(timings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    models = train_models(ROOT / "nlu")
    results = []
    for backend in ("py3langid", "langdetect"):
        detector = build_detector(backend, models)
        results.append(evaluate(f"rafiq ({backend} backend)", lambda t, d=detector: d.detect(t).language))
    results.append(evaluate("langdetect alone", plain_langdetect()))
    print(f"language ID on {EVAL} (targets: Tatoeba macro >= 97%, word pairs >= 90%, Roman Urdu as ur/hi >= 70%, romanised as tl/id/sw <= 5%)")
    print(f"{'detector':32}{'Tatoeba(12)':>12}{'pairs(8)':>10}{'words(8)':>10}{'RomUrdu ur/hi':>15}{'roman->tl/id/sw':>17}{'Arabizi ar':>12}{'p50 us':>9}")
    for r in results:
        print(f"{r['detector']:32}{r['tatoeba']['macro']:>12.1%}{r['lingua_word_pairs']['macro']:>10.1%}{r['lingua_single_words']['macro']:>10.1%}"
              f"{r['roman_urdu_as_ur_or_hi']:>15.1%}{r['romanized_as_tl_id_sw']:>17.1%}{r['arabizi_as_ar']:>12.1%}{r['p50_us']:>9.0f}")
    print("per language, Tatoeba / word pairs:")
    for r in results:
        print(f"  {r['detector']}: " + " ".join(f"{k}={v:.0%}" for k, v in r["tatoeba"].items() if k != "macro"))
        print(f"  {'':{len(r['detector'])}}  " + " ".join(f"{k}={v:.0%}" for k, v in r["lingua_word_pairs"].items() if k != "macro"))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"targets": TARGETS, "results": results}, indent=1))


if __name__ == "__main__":
    main()
