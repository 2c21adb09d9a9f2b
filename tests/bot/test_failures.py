"""Never silent in a crisis: when Rasa or Redis fails, the worker still gets the hotline numbers
and nothing they wrote is lost."""

from __future__ import annotations

import dataclasses
import json

from bot.__main__ import build_app
from locales.catalog import render
from tests.bot.conftest import say

CLOSED_PORT = "http://127.0.0.1:9"  # nothing listens on the discard port here


async def test_rasa_down_gives_the_hotline_and_keeps_the_message(aiohttp_client, settings, redis, sender) -> None:
    client = await aiohttp_client(build_app(dataclasses.replace(settings, rasa_url=CLOSED_PORT, rasa_timeout=2)))
    replies = await say(client, sender, "my madam beat me please help")
    assert [r["text"] for r in replies] == [render("error.unavailable", "en")]
    assert "995" in replies[0]["text"] and "999" in replies[0]["text"]
    kept = [f for _, f in await redis.xrevrange("rafiq:undelivered", count=50) if f[b"sender"].decode() == sender]
    assert kept and kept[0][b"text"].decode() == "my madam beat me please help"


async def test_rasa_down_answers_in_the_remembered_language(aiohttp_client, client, settings, sender) -> None:
    await say(client, sender, "مجھے تنخواہ نہیں ملی")
    broken = await aiohttp_client(build_app(dataclasses.replace(settings, rasa_url=CLOSED_PORT, rasa_timeout=2)))
    replies = await say(broken, sender, "madad")
    assert replies[0]["text"] == render("error.unavailable", "ur")


async def test_redis_and_rasa_down_still_answer_and_spool_the_message(aiohttp_client, settings, sender) -> None:
    broken = dataclasses.replace(settings, rasa_url=CLOSED_PORT, redis_url="redis://127.0.0.1:1/0", rasa_timeout=2)
    client = await aiohttp_client(build_app(broken))
    replies = await say(client, sender, "they locked me in the room")
    assert "995" in replies[0]["text"] and "999" in replies[0]["text"]
    spooled = [json.loads(line) for line in open(broken.spool_path, encoding="utf-8")]
    assert spooled[-1]["text"] == "they locked me in the room" and spooled[-1]["sender"] == sender


async def test_redis_down_with_rasa_up_still_answers(aiohttp_client, settings, sender) -> None:
    client = await aiohttp_client(build_app(dataclasses.replace(settings, redis_url="redis://127.0.0.1:1/0")))
    resp = await client.post("/webchat/messages", json={"sender": sender, "text": "hello"})
    assert resp.status == 200
    body = await resp.json()
    assert body["replies"] and body["cursor"] is None
