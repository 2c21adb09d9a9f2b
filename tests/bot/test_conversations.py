"""Worker conversations through the web chat: answers, languages, distress, fallback."""

from __future__ import annotations

import json

import pytest

from locales.catalog import render
from tests.bot.conftest import say, texts


@pytest.mark.parametrize("text, langs, answer", [
    ("kafeel took my passport", ["en"], "answer.passport_withheld"),
    ("مجھے تنخواہ نہیں ملی", ["ur"], "answer.wages_unpaid"),
    ("ശമ്പളം കിട്ടിയില്ല", ["ml"], "answer.wages_unpaid"),
    ("mujhe tankhwa nahi mili", ["ur"], "answer.wages_unpaid"),
    # Hindi and Urdu alike, word for word: either is right, and the menu lets the worker choose.
    ("mera salary nahi mila", ["hi", "ur"], "answer.wages_unpaid"),
    ("kinuha ng amo ang passport ko", ["tl"], "answer.passport_withheld"),
    ("الكفيل ماخذ جوازي وما يرجعه", ["ar"], "answer.passport_withheld"),
])
async def test_first_question_gets_a_sourced_answer_in_the_workers_language(client, sender, text, langs, answer) -> None:
    replies = await say(client, sender, text)
    lang = next((l for l in langs if replies[0]["text"] == render(answer, l)), None)
    assert lang, (replies[0]["text"], langs)
    assert any(word in replies[0]["text"] for word in ("Art.", "guidance", "LMRA")), "the answer cites its source"
    # First contact: the language is confirmed and a menu of all twelve, each in its own name, offered.
    confirm = next(r for r in replies if r["text"] == render("language.confirm", lang))
    assert len(confirm["buttons"]) == 12 and {"اردو", "മലയാളം", "English"} <= {b["title"] for b in confirm["buttons"]}


async def test_language_is_remembered_and_can_be_changed_at_any_time(client, sender) -> None:
    await say(client, sender, "مجھے تنخواہ نہیں ملی")
    replies = await say(client, sender, "passport")  # too short to change anything: stays Urdu
    assert render("language.confirm", "ur") not in texts(replies)
    assert all(any("\u0600" <= c <= "\u06ff" for c in t) for t in texts(replies))
    menu = await say(client, sender, "change language")
    payloads = [b["payload"] for r in menu for b in r["buttons"]]
    hindi = '/choose_language{"language": "hi"}'
    assert hindi in payloads
    assert texts(await say(client, sender, hindi)) == [render("language.changed", "hi")]
    replies = await say(client, sender, "kafeel took my passport")
    assert replies[0]["text"] == render("answer.passport_withheld", "hi")


async def test_naming_a_language_switches_to_it(client, sender) -> None:
    await say(client, sender, "hello")
    assert texts(await say(client, sender, "I want to speak in Tamil")) == [render("language.changed", "ta")]


@pytest.mark.parametrize("text, lang, message", [
    ("my madam beat me and I am scared", "en", "handoff.distress"),
    ("الكفيل يضربني كل يوم", "ar", "handoff.distress"),
    ("मुझे कमरे में बंद कर दिया है बाहर नहीं जाने देते", "hi", "handoff.distress"),
    ("i want to kill myself i cant take this anymore", "en", "handoff.self_harm"),
])
async def test_distress_goes_to_a_person_at_once_with_the_emergency_numbers(client, redis, sender, text, lang, message) -> None:
    replies = await say(client, sender, text)
    assert replies[0]["text"] == render(message, lang)
    assert "995" in replies[0]["text"] and "999" in replies[0]["text"]
    entries = await redis.xrevrange("rafiq:handoffs", count=50)
    mine = [fields for _, fields in entries if fields[b"sender"].decode() == sender]
    assert mine and mine[0][b"reason"].decode().startswith("distress_") and mine[0][b"priority"] == b"urgent"
    assert mine[0][b"language"].decode() == lang


async def test_asking_for_a_person_hands_off_with_normal_priority(client, redis, sender) -> None:
    replies = await say(client, sender, "i want to talk to a real person")
    assert replies[0]["text"] == render("handoff.human", "en")
    entries = await redis.xrevrange("rafiq:handoffs", count=50)
    assert any(f[b"sender"].decode() == sender and f[b"priority"] == b"normal" for _, f in entries)


async def test_two_misunderstandings_in_a_row_offer_a_person(client, sender) -> None:
    await say(client, sender, "hello")
    first = await say(client, sender, "qwzx plorf vrrk")
    assert first[0]["text"] == render("fallback.clarify", "en") and len(first[0]["buttons"]) >= 8
    second = await say(client, sender, "zzkq wvvp xqq")
    assert second[0]["text"] == render("fallback.offer_human", "en")
    assert second[0]["buttons"][0]["payload"] == "/ask_human"


async def test_a_domestic_worker_is_not_promised_rights_the_law_does_not_give(client, sender) -> None:
    general = await say(client, sender, "how many hours can they make me work in a day")
    assert general[0]["text"] == render("answer.working_hours", "en")
    assert general[1]["text"] == render("domestic.note", "en")
    await say(client, sender, "/ask_domestic_worker")  # the button under the note
    replies = await say(client, sender, "how many hours can they make me work in a day")
    assert replies[0]["text"] == render("answer.working_hours.domestic", "en")
    assert "48" not in replies[0]["text"]


async def test_later_messages_can_be_fetched_with_a_cursor(client, sender) -> None:
    resp = await client.post("/webchat/messages", json={"sender": sender, "text": "hello"})
    body = await resp.json()
    everything = await (await client.get("/webchat/messages", params={"sender": sender, "after": "0-0"})).json()
    assert [m["text"] for m in everything["messages"]] == [r["text"] for r in body["replies"]]
    assert everything["cursor"] == body["cursor"]
    nothing_new = await (await client.get("/webchat/messages", params={"sender": sender, "after": body["cursor"]})).json()
    assert nothing_new["messages"] == []


async def test_web_chat_page_shows_the_emergency_numbers(client) -> None:
    resp = await client.get("/")
    html = await resp.text()
    assert resp.status == 200 and "text/html" in resp.headers["Content-Type"]
    assert "995" in html and "999" in html and "{police}" not in html
    assert "textContent" in html and "innerHTML" not in html.replace("never innerHTML", "")


async def test_message_text_is_not_logged_above_debug(client, sender, caplog) -> None:
    secret = "my passport number is P1234567 and my phone is 33998877"
    caplog.set_level("INFO")
    await say(client, sender, secret)
    assert "P1234567" not in caplog.text and "33998877" not in caplog.text and sender not in caplog.text
    assert json.dumps(secret) not in caplog.text
