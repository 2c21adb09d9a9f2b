"""Cross-validation of the intent classifier on the training data only (never the held-out sets).

This is how the classifier's settings and DistressPriority's threshold in config.yml are chosen:
5-fold cross-validation, stratified by intent and language, over nlu/<lang>/*.yml with the exact
classifier the Rasa component trains (build_model). It prints, for each distress threshold, the
distress recall (overall and the lowest language), the false distress rate and macro-F1, and the
threshold the rule picks: the highest one whose cross-validated distress recall is at least 0.97 in
every language (the issue's target is per language, and a missed crisis costs more than a false alarm,
which costs a hotline operator a look). Until 2026-11-29 the rule asked for 0.97 overall; the
blind rounds of training data were judged under that rule.

Run: .venv-rasa/bin/python -m bench.nlu_cv   (about 4 minutes on 2 cores with 42,570 examples)
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
RECALL_RULE = 0.97
THRESHOLDS = [round(t, 2) for t in np.arange(0.60, 0.09, -0.01)]


def component_config(name: str) -> Dict:
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    return next((c for c in pipeline if c["name"].endswith(name)), {})


def training_rows(include: Callable[[Path], bool] = lambda path: True) -> Tuple[List[Tuple[str, str, str]], List[str]]:
    """(text, intent, language) for every training example (in the files `include` accepts), and the
    language names."""
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from nlu.components.langid import strip_annotations
    from nlu.components.tfidf_classifier import lookup_names

    rows = []
    lookups = TrainingData().merge(*[load_data(str(f)) for f in sorted((ROOT / "nlu" / "lookups").glob("*.yml"))])
    for directory in sorted(p for p in (ROOT / "nlu").iterdir() if p.is_dir() and p.name not in ("components", "lookups")):
        data = TrainingData().merge(*[load_data(str(f)) for f in sorted(directory.glob("*.yml")) if include(f)])
        rows += [(strip_annotations(m.get("text")), m.get("intent"), directory.name) for m in data.intent_examples]
    return rows, lookup_names(lookups)


def classifier_config() -> Dict:
    """The classifier's settings as the component trains with them: its defaults and config.yml's."""
    from nlu.components.tfidf_classifier import TfidfIntentClassifier

    config = {**TfidfIntentClassifier.get_default_config(), **component_config("TfidfIntentClassifier")}
    config.pop("name", None)
    return config


def feature_texts(rows, names, config) -> List[str]:
    """The text the classifier's features see, for each (text, intent, language) row."""
    from nlu.components.tfidf_classifier import configured_crisis_words, crisis_pattern, features_text

    crisis = crisis_pattern(configured_crisis_words(config))
    return [features_text(t, names, crisis) for t, _, _ in rows]


def cross_validated_probabilities(rows, names, config, folds: int = 5, always_train=()):
    """Each row's intent probabilities from the model trained on the other folds (plus `always_train`,
    rows that are never scored)."""
    from sklearn.model_selection import StratifiedKFold

    from nlu.components.tfidf_classifier import build_model

    texts = feature_texts(rows, names, config)
    labels = np.asarray([i for _, i, _ in rows])
    strata = [f"{i}|{l}" for _, i, l in rows]
    extra_texts = feature_texts(always_train, names, config)
    extra_labels = np.asarray([i for _, i, _ in always_train], dtype=labels.dtype)
    probs, classes = None, None
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, strata):
        model = build_model(config).fit([texts[i] for i in train] + extra_texts, np.concatenate([labels[train], extra_labels]))
        p = model.predict_proba([texts[i] for i in test])
        if probs is None:
            classes = model.classes_
            probs = np.zeros((len(texts), len(classes)))
        probs[test] = p
    return probs, np.asarray(classes), labels


def with_priority(probs: np.ndarray, classes: np.ndarray, threshold: float, ranking_length: int = 10) -> np.ndarray:
    """The intents DistressPriority would output (same rule as the component, which sees only the
    classifier's top `ranking_length` intents)."""
    distress = np.array([c.startswith("distress_") for c in classes])
    top = probs.argmax(1)
    ranked = np.zeros_like(probs, dtype=bool)
    np.put_along_axis(ranked, np.argsort(-probs, axis=1)[:, :ranking_length], True, axis=1)
    columns = np.where(distress)[0]
    top_distress = classes[columns[probs[:, columns].argmax(1)]]
    promote = ~distress[top] & ((probs * ranked)[:, distress].sum(1) >= threshold)
    return np.where(promote, top_distress, classes[top])


def figures(probs: np.ndarray, classes: np.ndarray, labels: np.ndarray, langs: np.ndarray, threshold: float, ranking_length: int = 10):
    """At one threshold: distress recall, the lowest language and its recall, false distress, macro-F1."""
    from sklearn.metrics import f1_score

    pred = with_priority(probs, classes, threshold, ranking_length)
    gold = np.array([g.startswith("distress_") for g in labels])
    said = np.array([p.startswith("distress_") for p in pred])
    by_lang = {lang: said[gold & (langs == lang)].mean() for lang in sorted(set(langs))}
    low = min(by_lang, key=by_lang.get)
    return said[gold].mean(), low, by_lang[low], said[~gold].mean(), f1_score(labels, pred, average="macro")


def rule_pick(table: Dict[float, tuple]) -> Optional[float]:
    """The rule: the highest threshold whose distress recall reaches RECALL_RULE in every language."""
    return next((t for t in sorted(table, reverse=True) if table[t][2] >= RECALL_RULE), None)


def main() -> None:
    logging.disable(logging.WARNING)
    config = classifier_config()
    configured = component_config("DistressPriority").get("threshold")
    rows, names = training_rows()
    print(f"{len(rows)} training examples; classifier settings: {config}", flush=True)
    probs, classes, labels = cross_validated_probabilities(rows, names, config)
    langs = np.asarray([l for _, _, l in rows])
    table = {t: figures(probs, classes, labels, langs, t, config["ranking_length"]) for t in THRESHOLDS}
    chosen = rule_pick(table)
    print(f"{'threshold':>10}{'recall':>8}{'lowest language':>18}{'false distress':>16}{'macro-F1':>10}")
    for t, (recall, low, low_recall, false, f1) in table.items():
        near = [x for x in (chosen, configured) if x is not None and abs(t - x) < 0.025]
        if t in (0.6, 0.5, 0.4, 0.3, 0.2, 0.1) or near:
            mark = ("  <- rule" if t == chosen else "") + ("  <- config.yml" if t == configured else "")
            print(f"{t:>10.2f}{recall:>8.3f}{low:>10} {low_recall:.3f}{false:>16.3f}{f1:>10.3f}{mark}")
    fallback = component_config("FallbackClassifier").get("threshold")
    if fallback is not None:
        print(f"messages whose top confidence is below FallbackClassifier's {fallback} (asked back): {(probs.max(1) < fallback).mean():.1%}")
    print(f"rule (highest threshold with cross-validated distress recall >= {RECALL_RULE} in every language): {chosen}; config.yml: {configured}")
    sys.exit(0 if chosen == configured else 1)


if __name__ == "__main__":
    main()
