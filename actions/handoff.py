"""Actions that bring in a person: distress, a request for a human, and unclear messages."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import TOPIC_MENU, finish_turn, say
from actions.language import current_language

# An unclear message whose ranking gives a distress intent at least this much is treated as
# distress: a missed crisis costs far more than an unneeded handoff.
POSSIBLE_DISTRESS = 0.2
HANDOFF_MESSAGES = {"distress_self_harm": "handoff.self_harm", "distress_medical": "handoff.medical", "ask_human": "handoff.human"}


def hand_off(dispatcher: CollectingDispatcher, tracker: Tracker, reason: str) -> List[EventType]:
    """Tell the worker a person is coming, with the emergency numbers, and signal the gateway."""
    lang, events = current_language(tracker)
    say(dispatcher, lang, HANDOFF_MESSAGES.get(reason, "handoff.distress"))
    intent = tracker.latest_message.get("intent") or {}
    dispatcher.utter_message(json_message={"handoff": {
        "reason": reason,
        "priority": "normal" if reason == "ask_human" else "urgent",
        "language": lang,
        "confidence": intent.get("confidence"),
    }})
    events.append(SlotSet("misunderstandings", 0))
    return finish_turn(dispatcher, tracker, lang, events)


class ActionHandoff(Action):
    """Hand a distress conversation, or one where the worker asked for a person, to the hotline."""

    def name(self) -> str:
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        reason = (tracker.latest_message.get("intent") or {}).get("name") or "distress_general"
        return hand_off(dispatcher, tracker, reason)


class ActionClarify(Action):
    """Ask back with a topic menu; after two misunderstandings in a row, offer a person."""

    def name(self) -> str:
        return "action_clarify"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        ranking = tracker.latest_message.get("intent_ranking") or []
        distress = [r for r in ranking if str(r.get("name", "")).startswith("distress_") and (r.get("confidence") or 0) >= POSSIBLE_DISTRESS]
        if distress:
            return hand_off(dispatcher, tracker, distress[0]["name"])
        lang, events = current_language(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "out_of_scope":
            say(dispatcher, lang, "out_of_scope", TOPIC_MENU)
            events.append(SlotSet("misunderstandings", 0))
            return finish_turn(dispatcher, tracker, lang, events)
        count = int(tracker.get_slot("misunderstandings") or 0) + 1
        if count >= 2:
            say(dispatcher, lang, "fallback.offer_human", [("topic.human", "/ask_human")] + TOPIC_MENU[:-2])
        else:
            say(dispatcher, lang, "fallback.clarify", TOPIC_MENU)
        events.append(SlotSet("misunderstandings", count))
        return finish_turn(dispatcher, tracker, lang, events)
