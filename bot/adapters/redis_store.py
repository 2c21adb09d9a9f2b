"""RedisConversationStore: language preferences, offered buttons, web chat outbox, handoff signals.

Key scheme (all under the "rafiq:" prefix; Rasa's tracker and lock keys are rafiq:tracker*/rafiq:lock*):
  rafiq:lang:{channel}:{sender}      string  conversation language (ISO 639-1), kept 365 days
  rafiq:offered:{channel}:{sender}   set     button payloads offered (any earlier button still works), 30 days
  rafiq:outbox:{channel}:{sender}    stream  replies shown to the worker (web chat polling), last 500
  rafiq:handoffs                     stream  handoff signals for the operator queue
  rafiq:undelivered                  stream  messages that could not reach the assistant
When Redis itself fails, undelivered messages go to a local spool file instead (never lost).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from redis.asyncio import Redis

from bot.core.model import ConversationKey, Reply

LANG_TTL = 365 * 24 * 3600
OFFERED_TTL = 30 * 24 * 3600
OUTBOX_MAXLEN = 500


class RedisConversationStore:
    def __init__(self, redis: Redis, spool_path: str) -> None:
        self.redis = redis
        self.spool = Path(spool_path)

    async def language(self, key: ConversationKey) -> Optional[str]:
        value = await self.redis.get(f"rafiq:lang:{key}")
        return value.decode() if isinstance(value, bytes) else value

    async def remember_language(self, key: ConversationKey, lang: str) -> None:
        await self.redis.set(f"rafiq:lang:{key}", lang, ex=LANG_TTL)

    async def offer_buttons(self, key: ConversationKey, payloads: Sequence[str]) -> None:
        if not payloads:
            return
        name = f"rafiq:offered:{key}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(name, *payloads)
            pipe.expire(name, OFFERED_TTL)
            await pipe.execute()

    async def offered(self, key: ConversationKey) -> List[str]:
        return [p.decode() if isinstance(p, bytes) else p for p in await self.redis.smembers(f"rafiq:offered:{key}")]

    async def deliver(self, key: ConversationKey, replies: Sequence[Reply]) -> str:
        """Append replies to the conversation's outbox; return the cursor after them."""
        cursor = "0-0"
        for reply in replies:
            cursor = await self.redis.xadd(f"rafiq:outbox:{key}", {"reply": json.dumps(reply.to_json())}, maxlen=OUTBOX_MAXLEN, approximate=True)
            cursor = cursor.decode() if isinstance(cursor, bytes) else cursor
        return cursor

    async def delivered_after(self, key: ConversationKey, cursor: str) -> Tuple[List[Dict[str, Any]], str]:
        entries = await self.redis.xrange(f"rafiq:outbox:{key}", min=f"({cursor}" if cursor != "0-0" else "-", max="+", count=100)
        out: List[Dict[str, Any]] = []
        for entry_id, fields in entries:
            cursor = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
            raw = fields.get(b"reply") or fields.get("reply")
            out.append(json.loads(raw))
        return out, cursor

    async def signal_handoff(self, key: ConversationKey, handoff: Dict[str, Any]) -> None:
        fields = {"channel": key.channel, "sender": key.sender, "created_at": str(time.time())}
        fields.update({k: str(v) for k, v in handoff.items() if v is not None})
        await self.redis.xadd("rafiq:handoffs", fields)

    async def keep_undelivered(self, key: ConversationKey, text: str, reason: str) -> None:
        record = {"channel": key.channel, "sender": key.sender, "text": text, "reason": reason, "at": str(time.time())}
        try:
            await self.redis.xadd("rafiq:undelivered", record)
        except Exception:  # noqa: BLE001 - Redis is down too: the spool file keeps the message
            self.spool.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.spool, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as spool:
                spool.write(json.dumps(record, ensure_ascii=False) + "\n")
