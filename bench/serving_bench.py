"""Measure /model/parse latency (p50, p99) and the peak memory of Rasa and the action server.

Sends held-out worker messages one at a time (no concurrency), after a warm-up; then a handful of
full conversations through the REST channel so the action server does real work. Prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from pathlib import Path
from typing import List

import aiohttp

from nlu.components.langid import read_examples

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its children, in MB."""
    total = 0
    pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1])
    return total / 1024


def messages() -> List[str]:
    """The held-out worker messages of every language, entity markup removed."""
    return [text for path in sorted((ROOT / "tests" / "nlu" / "heldout").glob("*.yml")) for text, _ in read_examples(path)]


async def main(rasa: str, rasa_pid: int, actions_pid: int) -> None:
    texts = messages()
    async with aiohttp.ClientSession() as http:
        for text in texts[:50]:
            await (await http.post(f"{rasa}/model/parse", json={"text": text})).read()
        timings = []
        for text in texts:
            start = time.perf_counter()
            resp = await http.post(f"{rasa}/model/parse", json={"text": text})
            await resp.read()
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        print(f"/model/parse over {len(timings)} held-out messages, one at a time: "
              f"p50 {statistics.median(timings):.1f} ms, p99 {timings[int(len(timings) * 0.99) - 1]:.1f} ms")
        turns = []
        for text in texts[::10]:
            start = time.perf_counter()
            resp = await http.post(f"{rasa}/webhooks/rest/webhook", json={"sender": f"bench-{uuid.uuid4().hex}", "message": text})
            await resp.read()
            turns.append((time.perf_counter() - start) * 1000)
        turns.sort()
        print(f"full turn (NLU + policy + action server + Redis tracker) over {len(turns)} messages: "
              f"p50 {statistics.median(turns):.1f} ms, p99 {turns[int(len(turns) * 0.99) - 1]:.1f} ms")
    print(f"peak memory: Rasa server {peak_rss_mb(rasa_pid):.0f} MB, action server {peak_rss_mb(actions_pid):.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rasa", required=True)
    parser.add_argument("--rasa-pid", type=int, required=True)
    parser.add_argument("--actions-pid", type=int, required=True)
    args = parser.parse_args()
    asyncio.run(main(args.rasa, args.rasa_pid, args.actions_pid))
