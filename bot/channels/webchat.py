"""Local web chat: a page at / and the JSON endpoints POST/GET /webchat/messages."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from aiohttp import web

from bot.core.conversation import Conversation
from bot.core.model import ConversationKey, InboundMessage
from bot.core.ports import ConversationStore
from locales.catalog import facts

logger = logging.getLogger(__name__)
PAGE = Path(__file__).parent / "static" / "webchat.html"
MAX_BODY = 64 * 1024
MAX_SENDER = 128


def _bad_request(reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=400)


def routes(store: ConversationStore) -> web.RouteTableDef:
    """Return the web chat routes; the Conversation is read from request.app["conversation"]."""
    table = web.RouteTableDef()
    # Read once: only the two numbers are filled in, from the facts file (JS braces stay as they are).
    html = PAGE.read_text(encoding="utf-8").replace("{police}", facts()["police"]).replace("{hotline}", facts()["hotline"])

    @table.get("/")
    async def page(request: web.Request) -> web.Response:
        return web.Response(text=html, content_type="text/html", charset="utf-8")

    @table.post("/webchat/messages")
    async def post_message(request: web.Request) -> web.Response:
        if request.content_length is not None and request.content_length > MAX_BODY:
            return _bad_request("message too large")
        try:
            body = json.loads(await request.text())
        except (ValueError, UnicodeDecodeError):
            return _bad_request("body must be JSON: {\"sender\": str, \"text\": str}")
        sender, text = (body.get("sender"), body.get("text")) if isinstance(body, dict) else (None, None)
        if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER:
            return _bad_request("sender must be a non-empty string of at most 128 characters")
        if text is not None and not isinstance(text, str):
            return _bad_request("text must be a string")
        key = ConversationKey("webchat", sender.strip())
        conversation: Conversation = request.app["conversation"]
        replies = await conversation.handle(InboundMessage(key, text if text is not None else "", "text"))
        try:
            cursor = await store.deliver(key, replies)
        except Exception as exc:  # noqa: BLE001 - the worker still gets the replies in this response
            logger.warning("web chat outbox unavailable: %s", type(exc).__name__)
            cursor = None
        return web.json_response({"replies": [r.to_json() for r in replies], "cursor": cursor})

    @table.get("/webchat/messages")
    async def get_messages(request: web.Request) -> web.Response:
        sender = request.query.get("sender", "").strip()
        after = request.query.get("after", "0-0") or "0-0"
        if not sender or len(sender) > MAX_SENDER:
            return _bad_request("sender is required")
        if not all(part.isdigit() for part in after.split("-", 1)):
            return _bad_request("after must be a cursor returned earlier")
        try:
            messages, cursor = await store.delivered_after(ConversationKey("webchat", sender), after)
        except Exception as exc:  # noqa: BLE001
            logger.warning("web chat outbox unavailable: %s", type(exc).__name__)
            return web.json_response({"error": "temporarily unavailable"}, status=503)
        return web.json_response({"messages": messages, "cursor": cursor})

    return table
