"""Every language has every message id with the same placeholders; facts are allowed and sourced."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from locales.catalog import FACTS_FILE, LOCALES_DIR, facts, language_buttons, languages, messages, placeholders, render

ENGLISH = messages("en")
LANGS = sorted(yaml.safe_load((LOCALES_DIR / "languages.yml").read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", LANGS)
def test_language_has_every_id_with_the_same_placeholders(lang: str) -> None:
    table = messages(lang)
    missing = sorted(set(ENGLISH) - set(table))
    extra = sorted(set(table) - set(ENGLISH))
    assert not missing, f"{lang} lacks {missing}"
    assert not extra, f"{lang} has ids English does not: {extra}"
    wrong = [mid for mid in ENGLISH if Counter(placeholders(table[mid])) != Counter(placeholders(ENGLISH[mid]))]
    assert not wrong, f"{lang}: placeholders differ from English in {wrong}"


@pytest.mark.parametrize("lang", LANGS)
def test_messages_render_and_state_no_number_of_their_own(lang: str) -> None:
    """Numbers a worker reads come from facts: a translation adds no phone number of its own."""
    for mid, template in messages(lang).items():
        assert isinstance(template, str) and template.strip(), f"{lang}:{mid} is empty"
        render(mid, lang)
        english_numbers = set(re.findall(r"\d+", ENGLISH[mid]))
        for number in re.findall(r"\d+", re.sub(r"\{[^}]*\}", "", template)):
            assert number in english_numbers, f"{lang}:{mid} states {number}, which the English text does not"


def test_every_placeholder_is_a_fact_and_every_fact_is_allowed() -> None:
    known = facts()
    used = {name for template in ENGLISH.values() for name in placeholders(template)}
    assert used <= set(known), f"unknown facts: {used - set(known)}"
    raw = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))["facts"]
    for name, fact in raw.items():
        assert fact["confidence"] in {"CONFIRMED", "SINGLE"} and fact["source"], name


def test_single_source_phone_numbers_are_shown_with_their_source_in_contacts() -> None:
    text = render("answer.contacts", "en")
    assert "995" in text and "999" in text and "OSAC" in text and "+973 17506055" in text


def test_nothing_conflicting_or_unverified_is_stated() -> None:
    """bahrain-facts.md marks these as CONFLICT/UNVERIFIED or says not to state them."""
    forbidden = ["flexi", "capacity", "120", "200 people", "17103103", "33150150", "immunity", "will not be deported", "insan"]
    for lang in LANGS:
        for mid in messages(lang):
            text = render(mid, lang).lower()
            assert not [w for w in forbidden if w in text], f"{lang}:{mid}"


def test_language_menu_lists_each_language_in_its_own_name() -> None:
    titles = dict((payload, title) for title, payload in language_buttons())
    assert len(titles) == len(languages()) == 12
    assert titles['/choose_language{"language": "ur"}'] == "اردو"
    assert titles['/choose_language{"language": "ml"}'] == "മലയാളം"


def test_domestic_worker_answers_do_not_promise_excluded_rights() -> None:
    """Art. 2(b): no hours limit, overtime, weekly rest or sick leave for domestic workers."""
    for mid in [m for m in ENGLISH if m.endswith(".domestic")] + ["answer.domestic_worker"]:
        text = render(mid, "en")
        assert "{week_hours_max}" not in ENGLISH[mid] and "{overtime_day}" not in ENGLISH[mid]
        assert "{sick_leave}" not in ENGLISH[mid] and "{debt_deduction_max}" not in ENGLISH[mid]
        assert "25%" not in text and "48" not in text
