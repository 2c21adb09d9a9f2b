"""Language identification: script routing, romanised text, backends, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlu.components.langid import build_detector, dominant_script, fold, normalize, train_models

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def detector():
    return build_detector("py3langid", train_models(ROOT / "nlu"))


@pytest.mark.parametrize("text, lang", [
    ("ശമ്പളം കിട്ടിയില്ല", "ml"), ("சம்பளம் வரவில்லை", "ta"), ("జీతం రాలేదు", "te"), ("বেতন পাইনি", "bn"),
    ("මට පඩි ලැබුණේ නැහැ", "si"), ("ደሞዜ አልተከፈለኝም", "am"),
    ("مجھے تنخواہ نہیں ملی", "ur"), ("ما استلمت راتبي من شهرين", "ar"),
    ("मुझे तीन महीने से तनख्वाह नहीं मिली", "hi"), ("मलाई तीन महिनादेखि तलब दिएको छैन", "ne"),
    ("my employer did not pay my salary for three months", "en"),
    ("hindi pa binabayaran ang sweldo ko ng amo ko", "tl"),
])
def test_detects_each_language_from_a_worker_sentence(detector, text: str, lang: str) -> None:
    assert detector.detect(text).language == lang


@pytest.mark.parametrize("text", ["mera salary nahi mila", "kafeel ne mera passport rakh liya hai", "mujhe madad chahiye bhai"])
def test_romanised_hindi_urdu_is_not_taken_for_tagalog_or_english(detector, text: str) -> None:
    assert detector.detect(text).language in {"hi", "ur"}


def test_script_decides_single_script_languages_even_with_english_words(detector) -> None:
    found = detector.detect("എനിക്ക് salary കിട്ടിയില്ല 3 month ആയി")
    assert (found.language, found.script, found.reliable) == ("ml", "Malayalam", True)


@pytest.mark.parametrize("text", ["", "   ", "😀😀😀", "123 456", "?!", "\u200b\u202e", "a"])
def test_no_letters_means_no_language(detector, text: str) -> None:
    found = detector.detect(text)
    assert found.language is None and not found.reliable


def test_short_text_is_never_reliable_enough_to_switch(detector) -> None:
    assert not detector.detect("salary").reliable
    assert detector.detect("my salary is not paid for three months").reliable


def test_langdetect_backend_is_selectable_and_works(detector) -> None:
    other = build_detector("langdetect", train_models(ROOT / "nlu"))
    assert other.detect("मुझे तीन महीने से तनख्वाह नहीं मिली").language == "hi"
    assert other.detect("مجھے تنخواہ نہیں ملی").language == "ur"


def test_normalize_drops_bidi_and_zero_width_controls_and_composes() -> None:
    assert normalize("pass\u200bport \u202eabc\u202c") == "passport abc"
    assert normalize("e\u0301") == "\u00e9"


def test_mixed_script_message_goes_to_the_non_latin_script() -> None:
    assert dominant_script("मेरी salary नहीं मिली")[0] == "Devanagari"


def test_fold_merges_spelling_variants_for_features() -> None:
    assert fold("أنا مريضة") == fold("انا مريضه")
    assert fold("pleaseeeee") == "pleasee"
