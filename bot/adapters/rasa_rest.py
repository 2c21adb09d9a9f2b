"""RasaRestAssistant: the Assistant port over Rasa's REST channel (HTTP on localhost)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional

import aiohttp

from bot.core.model import AssistantTurn, Button, ConversationKey, Reply
from bot.core.ports import AssistantUnavailable

logger = logging.getLogger(__name__)


class RasaRestAssistant:
    def __init__(self, session: aiohttp.ClientSession, base_url: str, timeout: float = 15.0) -> None:
        self.session = session
        self.url = f"{base_url}/webhooks/rest/webhook"
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    async def respond(self, key: ConversationKey, text: str) -> AssistantTurn:
        """Send one message to Rasa and translate its answer."""
        try:
            async with self.session.post(self.url, json={"sender": str(key), "message": text}, timeout=self.timeout) as resp:
                if resp.status != 200:
                    raise AssistantUnavailable(f"Rasa answered HTTP {resp.status}")
                raw: List[Dict[str, Any]] = await resp.json()
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            raise AssistantUnavailable(type(exc).__name__) from exc
        replies: List[Reply] = []
        language: Optional[str] = None
        handoff: Optional[Dict[str, Any]] = None
        for item in raw:
            custom = item.get("custom") or {}
            language = custom.get("language", language)
            handoff = custom.get("handoff", handoff)
            if item.get("text"):
                buttons = tuple(Button(str(b["title"]), str(b["payload"])) for b in item.get("buttons") or [])
                replies.append(Reply(item["text"], buttons))
        if not replies:
            # Rasa answers [] when the action server is down: silence is never an answer.
            raise AssistantUnavailable("Rasa returned no reply")
        return AssistantTurn(tuple(replies), language, handoff)
