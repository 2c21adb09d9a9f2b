"""Bad input gets a clear, polite answer in the worker's language: never a crash, never forced."""

from __future__ import annotations

import os

import aiohttp
import pytest

from bot.core.conversation import Conversation, clean_text
from bot.core.model import ConversationKey, InboundMessage
from locales.catalog import render
from tests.bot.conftest import say, texts

RASA = os.environ.get("RAFIQ_RASA_URL", "http://127.0.0.1:5005")
BAD = {
    "empty": "",
    "whitespace": "   \n\t  ",
    "huge": "salary " * 1500,
    "emoji only": "😭😭🙏🙏",
    "zero-width and bidi": "\u202emy\u200b salary\u200f not\u2066 paid\u2069\u202c",
    "restart command": "/restart",
    "forced intent": "/ask_passport_withheld",
    "forced intent with entity": '/choose_language{"language": "ar"}',
    "html": "<script>alert('x')</script><b>salary</b>",
    "control characters": "sal\x00ary\x07 \x1b[31mnot paid",
    "slash only": "/",
}


@pytest.mark.parametrize("name", sorted(BAD))
async def test_bad_input_through_the_web_chat_gets_a_polite_answer(client, sender, name) -> None:
    await say(client, sender, "مجھے تنخواہ نہیں ملی")  # an Urdu conversation
    replies = await say(client, sender, BAD[name])
    for text in texts(replies):
        assert "error" not in text.lower() or text == render("error.unavailable", "ur")
    if name in ("empty", "whitespace", "slash only"):
        assert texts(replies) == [render("input.empty", "ur")]
    if name == "huge":
        assert replies[0]["text"] == render("input.too_long", "ur")


async def test_slash_commands_are_not_run_and_intents_are_not_forced(client, sender) -> None:
    await say(client, sender, "مجھے تنخواہ نہیں ملی")
    await say(client, sender, "/restart")
    # The conversation kept its language (a restart would have reset it to a new first contact).
    replies = await say(client, sender, "ok")
    assert render("language.confirm", "ur") not in texts(replies)
    async with aiohttp.ClientSession() as http:
        tracker = await (await http.get(f"{RASA}/conversations/webchat:{sender}/tracker")).json()
    user_texts = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    assert "restart" in user_texts and not any(t.startswith("/") for t in user_texts)
    assert not [e for e in tracker["events"] if e["event"] == "restart"]


async def test_an_offered_button_payload_passes_as_is_even_from_an_earlier_message(client, sender) -> None:
    menu = await say(client, sender, "hello")
    payload = next(b["payload"] for r in menu for b in r["buttons"] if b["payload"] == "/ask_passport_withheld")
    await say(client, sender, "thank you")
    replies = await say(client, sender, payload)
    assert replies[0]["text"] == render("answer.passport_withheld", "en")


async def test_the_bot_challenge_answer_offers_the_person_it_mentions(client, sender) -> None:
    replies = await say(client, sender, "are you a robot or a human")
    assert replies[0]["text"] == render("bot_challenge", "en")
    assert [b["payload"] for b in replies[0]["buttons"]] == ["/ask_human"]


@pytest.mark.parametrize("body, status", [
    (b"not json", 400), (b'{"text": "hi"}', 400), (b'{"sender": "", "text": "hi"}', 400),
    (b'{"sender": "a", "text": 5}', 400), (b"[1, 2]", 400), (b'{"sender": "' + b"x" * 200 + b'", "text": "hi"}', 400),
])
async def test_malformed_requests_are_refused_clearly(client, body, status) -> None:
    resp = await client.post("/webchat/messages", data=body, headers={"Content-Type": "application/json"})
    assert resp.status == status and "error" in await resp.json()


async def test_bad_cursor_is_refused(client, sender) -> None:
    resp = await client.get("/webchat/messages", params={"sender": sender, "after": "abc"})
    assert resp.status == 400


async def test_stickers_and_voice_notes_get_a_polite_answer() -> None:
    class NoAssistant:
        async def respond(self, key, text):  # pragma: no cover - must not be called
            raise AssertionError("non-text must not reach the assistant")

    class NoStore:
        async def language(self, key):
            return "ml"

    replies = await Conversation(NoAssistant(), NoStore()).handle(InboundMessage(ConversationKey("telegram", "1"), None, "sticker"))  # type: ignore[arg-type]
    assert [r.text for r in replies] == [render("input.unsupported", "ml")]


def test_clean_text_keeps_joiners_inside_words_and_drops_controls() -> None:
    assert clean_text("\u202e\x00 ශ්\u200dරී \x1b ") == "ශ්\u200dරී"
    assert clean_text("e\u0301") == "\u00e9"


@pytest.mark.parametrize("name", sorted(BAD))
async def test_bad_input_through_the_rasa_api_parses_without_error(name) -> None:
    async with aiohttp.ClientSession() as http:
        resp = await http.post(f"{RASA}/model/parse", json={"text": BAD[name].lstrip("/") or " "})
        assert resp.status == 200
        parsed = await resp.json()
    assert "intent" in parsed
    # Text with letters carries the detected language; text without (empty, emoji) has none,
    # and Rasa leaves a None field out of its output.
    if any(c.isalpha() for c in BAD[name]):
        assert "language" in parsed
    assert parsed.get("language") in (None, "en", "ar", "hi", "ur", "bn", "ml", "ta", "te", "si", "ne", "tl", "am")


async def test_rasa_api_reports_the_language_of_each_message() -> None:
    async with aiohttp.ClientSession() as http:
        for text, lang in [("ശമ്പളം കിട്ടിയില്ല", "ml"), ("مجھے تنخواہ نہیں ملی", "ur"), ("kafeel took my passport", "en")]:
            parsed = await (await http.post(f"{RASA}/model/parse", json={"text": text})).json()
            assert parsed["language"] == lang
            assert parsed["intent_ranking"]
