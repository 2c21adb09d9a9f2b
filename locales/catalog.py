"""The message catalog: locales/<lang>/messages.yml with facts from facts/bahrain.yml interpolated.

Shared by the action server and the gateway; it imports nothing but PyYAML.
"""

from __future__ import annotations

import os
import string
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Mapping, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
LOCALES_DIR = ROOT / "locales"
FACTS_FILE = ROOT / "facts" / "bahrain.yml"
DEFAULT_LANGUAGE = "en"
# Facts a worker may read. CONFLICT and UNVERIFIED facts are refused at load time.
ALLOWED_CONFIDENCE = {"CONFIRMED", "SINGLE"}


def placeholders(template: str) -> List[str]:
    """Return the {names} a message uses, in order."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


@lru_cache(maxsize=1)
def languages() -> Dict[str, Dict[str, str]]:
    """Return code -> {name, script} for the languages this deployment serves (RAFIQ_LANGUAGES)."""
    table = yaml.safe_load((LOCALES_DIR / "languages.yml").read_text(encoding="utf-8"))
    wanted = [c.strip() for c in os.environ.get("RAFIQ_LANGUAGES", "").split(",") if c.strip()]
    return {code: info for code, info in table.items() if not wanted or code in wanted}


@lru_cache(maxsize=1)
def facts() -> Dict[str, str]:
    """Return fact name -> value; refuses facts that may not be stated."""
    raw = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))["facts"]
    bad = [name for name, fact in raw.items() if fact.get("confidence") not in ALLOWED_CONFIDENCE or not fact.get("source")]
    if bad:
        raise ValueError(f"facts without an allowed confidence or a source: {bad}")
    return {name: str(fact["value"]) for name, fact in raw.items()}


@lru_cache(maxsize=None)
def messages(lang: str) -> Mapping[str, str]:
    """Return the raw message table of one language (empty if the language has none)."""
    path = LOCALES_DIR / lang / "messages.yml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def render(message_id: str, lang: str) -> str:
    """Return a message in lang (English if lang lacks it) with facts filled in."""
    template = messages(lang).get(message_id) or messages(DEFAULT_LANGUAGE)[message_id]
    return template.format_map(facts())


def language_buttons() -> List[Tuple[str, str]]:
    """Return (title, payload) for the language menu, each name in its own language."""
    return [(info["name"], f'/choose_language{{"language": "{code}"}}') for code, info in languages().items()]
