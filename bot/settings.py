"""One typed Settings, read once from the environment and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    rasa_url: str
    redis_url: str
    max_text: int
    rasa_timeout: float
    spool_path: str

    @classmethod
    def from_env(cls) -> "Settings":
        """Read RAFIQ_* variables (documented in .env.example)."""
        env = os.environ
        return cls(
            host=env.get("RAFIQ_HTTP_HOST", "127.0.0.1"),
            port=int(env.get("RAFIQ_HTTP_PORT", "8080")),
            rasa_url=env.get("RAFIQ_RASA_URL", "http://127.0.0.1:5005").rstrip("/"),
            redis_url=env.get("RAFIQ_REDIS_URL", "redis://127.0.0.1:6379/0"),
            max_text=int(env.get("RAFIQ_MAX_TEXT", "2000")),
            rasa_timeout=float(env.get("RAFIQ_RASA_TIMEOUT", "15")),
            spool_path=env.get("RAFIQ_SPOOL", "var/undelivered.jsonl"),
        )
