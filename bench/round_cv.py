"""Does a round of training data help? Cross-validation that keeps the round out of the scoring.

A round is every file with one name in the language folders (`nlu/<lang>/blind.yml`). Two 5-fold
cross-validations over the other training rows, with the folds `bench/nlu_cv.py` would use without
the round: once as they are, once with the whole round added to every training fold. Both score the
same rows, never the round's own, so the round is judged by what it teaches the model, not by how
easy its own messages are. Then the round's messages themselves, as a sample of new writers: scored
by the model trained without the round, and by 2-fold cross-validation over the round with the
other rows always in training (does part of a new writer's range help with the rest?).

Each prints, for a few thresholds and the one bench/nlu_cv.py's rule would pick, distress recall
(overall and the lowest language), false distress and macro-F1. Held-out sets are never read.

Run: .venv-rasa/bin/python -m bench.round_cv blind.yml   (about 10 minutes on 2 cores)
"""

from __future__ import annotations

import logging
import sys

import numpy as np

from bench.nlu_cv import THRESHOLDS, classifier_config, cross_validated_probabilities, feature_texts, figures, rule_pick, training_rows

SHOWN = (0.30, 0.25, 0.20, 0.18, 0.17, 0.15)


def report(title, probs, classes, labels, langs, ranking_length, rule=True):
    print(title)
    rows = {t: figures(probs, classes, labels, langs, t, ranking_length) for t in THRESHOLDS}
    chosen = rule_pick(rows) if rule else None
    for t in THRESHOLDS:
        if t in SHOWN or t == chosen:
            recall, low, low_recall, false, f1 = rows[t]
            mark = "  <- rule" if t == chosen else ""
            print(f"  threshold {t:.2f}  recall {recall:.3f}  lowest {low} {low_recall:.3f}  false distress {false:.2%}  macro-F1 {f1:.3f}{mark}")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python -m bench.round_cv <file name of the round, e.g. blind.yml>")
    name = sys.argv[1]
    logging.disable(logging.WARNING)
    config = classifier_config()
    rows, names = training_rows(lambda path: path.name != name)
    round_rows, _ = training_rows(lambda path: path.name == name)
    if not round_rows:
        sys.exit(f"no training file is named {name}")
    print(f"{len(rows)} other training rows, {len(round_rows)} in the round ({name})", flush=True)
    langs = np.asarray([l for _, _, l in rows])
    k = config["ranking_length"]
    probs, classes, labels = cross_validated_probabilities(rows, names, config)
    report("5-fold CV on the other rows, without the round:", probs, classes, labels, langs, k)
    probs, classes, labels = cross_validated_probabilities(rows, names, config, always_train=round_rows)
    report("the same folds and rows, the round added to every training fold:", probs, classes, labels, langs, k)

    from nlu.components.tfidf_classifier import build_model

    round_langs = np.asarray([l for _, _, l in round_rows])
    model = build_model(config).fit(feature_texts(rows, names, config), labels)
    round_texts = feature_texts(round_rows, names, config)
    round_labels = np.asarray([i for _, i, _ in round_rows])
    report("the round's messages, model trained without the round:", model.predict_proba(round_texts), model.classes_, round_labels, round_langs, k, rule=False)
    probs, classes, labels = cross_validated_probabilities(round_rows, names, config, folds=2, always_train=rows)
    report("the round's messages, 2-fold CV over the round, the other rows always trained on:", probs, classes, labels, round_langs, k, rule=False)


if __name__ == "__main__":
    main()
