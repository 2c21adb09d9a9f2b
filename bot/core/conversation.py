"""Conversation.handle(): turn one inbound message into replies, whatever fails on the way."""

from __future__ import annotations

import logging
import unicodedata
from typing import Awaitable, List, Optional, TypeVar

from bot.core.model import InboundMessage, Reply
from bot.core.ports import Assistant, AssistantUnavailable, ConversationStore
from locales.catalog import render

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Zero-width (non-)joiners shape Indic and Perso-Arabic words; every other control or format
# character (bidi overrides, NUL, escape codes) is dropped before anything reads the text.
_KEEP = {"\n", "\t", "\u200c", "\u200d"}


def clean_text(text: str) -> str:
    """Return text in NFC without control and bidi characters, trimmed."""
    text = unicodedata.normalize("NFC", text)
    kept = "".join(c for c in text if c in _KEEP or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co"))
    return kept.strip()


class Conversation:
    """The gateway's core: knows no transport, talks to ports only."""

    def __init__(self, assistant: Assistant, store: ConversationStore, max_text: int = 2000) -> None:
        self.assistant = assistant
        self.store = store
        self.max_text = max_text

    async def _try(self, what: str, call: Awaitable[T], default: T) -> T:
        """Run a store call; a store failure is logged and never stops a reply."""
        try:
            return await call
        except Exception as exc:  # noqa: BLE001 - any store failure must degrade, not crash
            logger.warning("conversation store failed during %s: %s", what, type(exc).__name__)
            return default

    async def handle(self, message: InboundMessage) -> List[Reply]:
        """Return the replies for one message (never empty, never an exception)."""
        key = message.key
        lang: Optional[str] = await self._try("language lookup", self.store.language(key), None)
        lang = lang or "en"
        if message.text is None:
            return [Reply(render("input.unsupported", lang))]
        text = clean_text(message.text)
        replies: List[Reply] = []
        if len(text) > self.max_text:
            text = text[: self.max_text]
            replies.append(Reply(render("input.too_long", lang)))
        if text.startswith("/"):
            # Rasa reads "/name" as an intent: only payloads of buttons we offered pass as-is.
            offered = await self._try("offered buttons", self.store.offered(key), [])
            if text not in offered:
                text = text.lstrip("/").strip()
        if not text:
            return [Reply(render("input.empty", lang))]
        try:
            turn = await self.assistant.respond(key, text)
        except AssistantUnavailable as exc:
            logger.error("assistant unavailable for a %s message: %s", key.channel, exc)
            await self.store_undelivered(message, text, str(exc))
            return replies + [Reply(render("error.unavailable", lang))]
        if turn.language:
            await self._try("remember language", self.store.remember_language(key, turn.language), None)
        payloads = [b.payload for r in turn.replies for b in r.buttons]
        await self._try("offer buttons", self.store.offer_buttons(key, payloads), None)
        if turn.handoff:
            logger.info("handoff signalled: reason=%s priority=%s", turn.handoff.get("reason"), turn.handoff.get("priority"))
            await self._try("signal handoff", self.store.signal_handoff(key, turn.handoff), None)
        return replies + list(turn.replies)

    async def store_undelivered(self, message: InboundMessage, text: str, reason: str) -> None:
        await self._try("keep undelivered", self.store.keep_undelivered(message.key, text, reason), None)
