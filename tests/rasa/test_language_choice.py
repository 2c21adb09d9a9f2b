"""The conversation language is sticky: changed only on confident evidence or on request."""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa_sdk import Tracker

from actions.language import current_language, requested_language


def tracker(text: str, detected: Optional[str], script: Optional[str], reliable: bool, stored: Optional[str], entities=None) -> Tracker:
    message: Dict[str, Any] = {
        "text": text, "intent": {"name": "ask_wages_unpaid"}, "entities": entities or [],
        "language": detected, "language_detection": {"script": script, "confidence": 0.99 if reliable else 0.5, "reliable": reliable},
    }
    return Tracker("worker", {"language": stored}, message, [], False, None, {}, "action_listen")


def test_first_message_sets_the_detected_language() -> None:
    lang, events = current_language(tracker("ശമ്പളം കിട്ടിയില്ല", "ml", "Malayalam", True, None))
    assert lang == "ml" and events[0]["value"] == "ml"


def test_first_message_without_letters_falls_back_to_english() -> None:
    assert current_language(tracker("👍", None, None, False, None))[0] == "en"


def test_romanised_message_keeps_a_non_latin_language() -> None:
    lang, events = current_language(tracker("mera salary nahi mila teen mahine se", "hi", "Latin", True, "ur"))
    assert (lang, events) == ("ur", [])


def test_english_sentence_from_an_urdu_speaker_keeps_urdu() -> None:
    assert current_language(tracker("my salary is not paid for three months", "en", "Latin", True, "ur"))[0] == "ur"


def test_confident_message_in_another_script_switches() -> None:
    lang, events = current_language(tracker("ما استلمت راتبي من شهرين يا اخي", "ar", "Arabic", True, "en"))
    assert lang == "ar" and events[0]["value"] == "ar"


def test_short_or_unsure_message_does_not_switch() -> None:
    assert current_language(tracker("ok", "tl", "Latin", False, "en"))[0] == "en"


def test_requested_language_from_entity_and_from_text() -> None:
    assert requested_language(tracker("urdu please", None, None, False, "en", [{"entity": "language", "value": "ur"}])) == "ur"
    assert requested_language(tracker("मुझे हिन्दीमा चाहिए", None, None, False, "en")) == "hi"
    assert requested_language(tracker("change language", None, None, False, "en")) is None


def test_tagalog_hindi_means_no_not_the_language() -> None:
    assert requested_language(tracker("hindi ko gusto, palitan ang language", "tl", "Latin", True, "tl")) is None
