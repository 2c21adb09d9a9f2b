"""Composition root: settings -> adapters -> core -> channels. Run with `python -m bot`."""

from __future__ import annotations

import logging
import os
import sys
from typing import AsyncIterator

import aiohttp
from aiohttp import web
from redis.asyncio import Redis

from bot.adapters.rasa_rest import RasaRestAssistant
from bot.adapters.redis_store import RedisConversationStore
from bot.channels import webchat
from bot.core.conversation import Conversation
from bot.settings import Settings


def build_app(settings: Settings) -> web.Application:
    """Wire the gateway; the HTTP session and Redis client live as long as the app."""
    app = web.Application(client_max_size=webchat.MAX_BODY)
    redis = Redis.from_url(settings.redis_url, socket_timeout=3, socket_connect_timeout=3)
    store = RedisConversationStore(redis, settings.spool_path)

    async def lifecycle(app: web.Application) -> AsyncIterator[None]:
        session = aiohttp.ClientSession()
        assistant = RasaRestAssistant(session, settings.rasa_url, settings.rasa_timeout)
        app["conversation"] = Conversation(assistant, store, settings.max_text)
        yield
        await session.close()
        await redis.aclose()

    app.cleanup_ctx.append(lifecycle)
    app.add_routes(webchat.routes(store))

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app.router.add_get("/healthz", health)
    return app


def main() -> None:
    logging.basicConfig(level=os.environ.get("RAFIQ_LOG_LEVEL", "INFO"), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env()
    print(f"Rafiq web chat: http://{settings.host}:{settings.port}/", file=sys.stderr, flush=True)
    # No access log: query strings carry sender ids, and these users may be trafficking victims.
    web.run_app(build_app(settings), host=settings.host, port=settings.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
