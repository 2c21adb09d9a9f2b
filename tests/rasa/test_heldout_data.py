"""The held-out sets stay held out: every language has every set, and none of their sentences is a training
example or appears in two sets (compared after the classifier's own normalisation).

Stock phrases of one to three words ("sure", "thanks a lot", "save me") are what people write, so the
training data must have them and a held-out set may too; from four words on, a message is someone's
own sentence and must not be in two places."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from nlu.components.langid import read_examples
from nlu.components.tfidf_classifier import features_text
from tests.rasa.nlu_eval import HELDOUT_SETS, REGISTERED_LANGUAGES as LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
DISTRESS = ["distress_violence", "distress_confinement", "distress_threat", "distress_self_harm", "distress_medical", "distress_general"]


def key(text: str) -> str:
    """What the classifier cannot tell apart: case, spelling variants, punctuation, spacing."""
    text = features_text(text)
    return " ".join("".join(" " if unicodedata.category(c)[0] in "PS" else c for c in text).split())


SENTENCE_WORDS = 4


def sentence_keys(paths) -> set:
    keys = {key(text) for path in paths for text, _ in read_examples(path)}
    return {k for k in keys if len(k.split()) >= SENTENCE_WORDS}


def training_keys() -> set:
    return sentence_keys((ROOT / "nlu").glob("*/*.yml"))


def test_every_language_has_every_held_out_set_with_ten_messages_per_distress_intent() -> None:
    for directory in HELDOUT_SETS:
        assert sorted(p.stem for p in directory.glob("*.yml")) == LANGUAGES, directory
        for lang in LANGUAGES:
            intents = [intent for _, intent in read_examples(directory / f"{lang}.yml")]
            assert len(intents) >= 150, (directory.name, lang)
            assert all(intents.count(d) >= 10 for d in DISTRESS), (directory.name, lang)


def test_no_held_out_sentence_is_a_training_example() -> None:
    train = training_keys()
    leaked = [(d.name, lang, text) for d in HELDOUT_SETS for lang in LANGUAGES for text, _ in read_examples(d / f"{lang}.yml") if key(text) in train]
    assert not leaked, leaked[:20]


def test_no_sentence_is_in_two_held_out_sets() -> None:
    keys = [sentence_keys(d / f"{lang}.yml" for lang in LANGUAGES) for d in HELDOUT_SETS]
    shared = [(a.name, b.name, k) for i, (a, ka) in enumerate(zip(HELDOUT_SETS, keys)) for b, kb in zip(HELDOUT_SETS[i + 1 :], keys[i + 1 :]) for k in ka & kb]
    assert not shared, sorted(shared)[:20]


def test_the_comparison_ignores_case_spelling_variants_and_punctuation() -> None:
    assert key("Madam  BEAT me!!") == key("madam beat me")
    assert key("জোর করে কাজ করানো") != key("জর কর কজ করন")  # vowel signs are letters, not punctuation
    assert len(sentence_keys([ROOT / "tests" / "nlu" / "heldout" / "en.yml"])) > 100
