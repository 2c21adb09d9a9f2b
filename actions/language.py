"""Which language a conversation is in: sticky, changed only on confident evidence or request."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional

import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from locales.catalog import DEFAULT_LANGUAGE, ROOT, languages

# Scripts of our languages; a Latin-script message from a user whose language has another
# script is romanised text (Roman Urdu, Manglish...): it never changes their language.
SCRIPTS = {"en": "Latin", "tl": "Latin", "ar": "Arabic", "ur": "Arabic", "hi": "Devanagari", "ne": "Devanagari",
           "bn": "Bengali", "ml": "Malayalam", "ta": "Tamil", "te": "Telugu", "si": "Sinhala", "am": "Ethiopic"}


def current_language(tracker: Tracker) -> tuple[str, List[EventType]]:
    """Return the language to answer in, and the slot events that store it."""
    stored: Optional[str] = tracker.get_slot("language")
    message: Dict[str, Any] = tracker.latest_message or {}
    detected: Optional[str] = message.get("language")
    detection: Dict[str, Any] = message.get("language_detection") or {}
    served = languages()
    if detected not in served:
        detected = None
    if stored not in served:
        lang = detected or DEFAULT_LANGUAGE
        return lang, [SlotSet("language", lang)]
    if detected and detected != stored and detection.get("reliable"):
        written_in = detection.get("script")
        romanised = written_in == "Latin" and SCRIPTS[detected] != "Latin"
        if not romanised and not (written_in == "Latin" and SCRIPTS[stored] != "Latin"):
            return detected, [SlotSet("language", detected)]
    return stored, []


@lru_cache(maxsize=1)
def _names() -> Dict[str, str]:
    data = yaml.safe_load((ROOT / "nlu" / "lookups" / "language.yml").read_text(encoding="utf-8"))
    table: Dict[str, str] = {}
    for block in data["nlu"]:
        if "synonym" in block:
            for line in block["examples"].splitlines():
                name = line.strip()[2:].strip().lower()
                if name:
                    table[name] = block["synonym"]
    return table


def requested_language(tracker: Tracker) -> Optional[str]:
    """Return the language a worker asked for (entity or a language name in the text), if any."""
    served = languages()
    for entity in (tracker.latest_message or {}).get("entities", []):
        value = str(entity.get("value", "")).lower()
        code = value if value in served else _names().get(value)
        if entity.get("entity") == "language" and code in served:
            return code
    text = str((tracker.latest_message or {}).get("text") or "").lower()
    for name, code in sorted(_names().items(), key=lambda kv: -len(kv[0])):
        # In Tagalog "hindi" means "no": a Tagalog speaker saying it is not asking for Hindi.
        if name == "hindi" and tracker.get_slot("language") == "tl":
            continue
        # A substring, so that names with case endings match ("ইংরেজিতে", "हिन्दीमा").
        if name in text and code in served:
            return code
    return None
