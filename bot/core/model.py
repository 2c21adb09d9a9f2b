"""Small immutable values that channels translate to and from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Tuple


@dataclass(frozen=True)
class ConversationKey:
    channel: str  # "webchat", "telegram", "whatsapp"
    sender: str

    def __str__(self) -> str:
        return f"{self.channel}:{self.sender}"


@dataclass(frozen=True)
class InboundMessage:
    key: ConversationKey
    text: Optional[str]  # None for stickers, voice notes, images: anything that is not text
    kind: str = "text"


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: Tuple[Button, ...] = ()

    def to_json(self) -> Dict[str, Any]:
        return {"text": self.text, "buttons": [{"title": b.title, "payload": b.payload} for b in self.buttons]}


@dataclass(frozen=True)
class AssistantTurn:
    """What the assistant (Rasa) said for one message."""

    replies: Tuple[Reply, ...]
    language: Optional[str] = None
    handoff: Optional[Dict[str, Any]] = field(default=None)
