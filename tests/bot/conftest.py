"""Gateway tests run the real gateway app in-process against real Rasa, actions and Redis.

scripts/test.sh starts Rasa and the action server and exports RAFIQ_RASA_URL and RAFIQ_REDIS_URL.
Nothing here skips: a missing service fails the test.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any, Dict, List

import pytest
from redis.asyncio import Redis

from bot.__main__ import build_app
from bot.settings import Settings


@pytest.fixture
def settings(tmp_path) -> Settings:
    return dataclasses.replace(Settings.from_env(), spool_path=str(tmp_path / "spool.jsonl"))


@pytest.fixture
async def client(aiohttp_client, settings):
    return await aiohttp_client(build_app(settings))


@pytest.fixture
async def redis(settings):
    client = Redis.from_url(settings.redis_url)
    await client.ping()  # fails loudly when Redis is missing
    yield client
    await client.aclose()


@pytest.fixture
def sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


async def say(client, sender: str, text: Any) -> List[Dict[str, Any]]:
    """Post one web chat message; return the replies (asserting the HTTP contract)."""
    resp = await client.post("/webchat/messages", json={"sender": sender, "text": text})
    assert resp.status == 200, await resp.text()
    body = await resp.json()
    assert body["replies"], "a worker never gets silence"
    for reply in body["replies"]:
        assert isinstance(reply["text"], str) and reply["text"].strip()
        assert "Traceback" not in reply["text"]
        assert all(set(b) == {"title", "payload"} for b in reply["buttons"])
    return body["replies"]


def texts(replies: List[Dict[str, Any]]) -> List[str]:
    return [r["text"] for r in replies]
