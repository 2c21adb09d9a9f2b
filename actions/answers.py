"""Actions that answer: rights topics, conversation intents, language choice and clarifying."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import current_language, requested_language
from locales.catalog import language_buttons, messages, render

# Answers whose rules differ for domestic workers (Labour Law 36/2012 Art. 2(b)): they have a
# ".domestic" variant and, until the worker says what they are, a note offering it.
DOMESTIC_VARIANTS = {"wage_deductions", "working_hours", "rest_leave", "end_of_service", "change_employer"}
TOPIC_MENU = [
    ("topic.wages", "/ask_wages_unpaid"), ("topic.passport", "/ask_passport_withheld"),
    ("topic.contract", "/ask_contract"), ("topic.hours", "/ask_working_hours"),
    ("topic.change_employer", "/ask_change_employer"), ("topic.permit", "/ask_permit_status"),
    ("topic.complaint", "/ask_complaint"), ("topic.shelter", "/ask_shelter"),
    ("topic.human", "/ask_human"), ("topic.language", "/choose_language"),
]
# Words by which a worker says they are a domestic worker, in our languages (lower case).
DOMESTIC_WORDS = (
    "domestic worker", "housemaid", "house maid", "maid", "house driver", "nanny", "kasambahay",
    "katulong", "خادمة", "عاملة منزلية", "شغالة", "گھریلو", "ghar ka kaam", "gharelu", "घरेलू", "नौकरानी",
    "গৃহকর্মী", "বাসার কাজ", "ഗാർഹിക", "வீட்டு வேலை", "ఇంటి పని", "ගෘහ සේවිකා", "घरेलु", "የቤት ሰራተኛ", "የቤት ሠራተኛ",
)


def buttons(lang: str, menu: List[tuple]) -> List[Dict[str, str]]:
    return [{"title": render(title_id, lang), "payload": payload} for title_id, payload in menu]


def say(dispatcher: CollectingDispatcher, lang: str, message_id: str, menu: Optional[List[tuple]] = None) -> None:
    dispatcher.utter_message(text=render(message_id, lang), buttons=buttons(lang, menu or []))


def show_language_menu(dispatcher: CollectingDispatcher, lang: str, message_id: str) -> SlotSet:
    """Say message_id with a button per language, each in its own name; the menu counts as shown."""
    dispatcher.utter_message(
        text=render(message_id, lang),
        buttons=[{"title": title, "payload": payload} for title, payload in language_buttons()],
    )
    return SlotSet("language_confirmed", True)


def finish_turn(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str, events: List[EventType]) -> List[EventType]:
    """Tell the gateway the language; on first contact confirm it and show the language menu."""
    if not tracker.get_slot("language_confirmed"):
        events.append(show_language_menu(dispatcher, lang, "language.confirm"))
    dispatcher.utter_message(json_message={"language": lang})
    return events


def says_domestic(tracker: Tracker) -> bool:
    text = str((tracker.latest_message or {}).get("text") or "").lower()
    return any(word in text for word in DOMESTIC_WORDS)


class ActionRespond(Action):
    """Answer a rights question or a conversation intent in the conversation's language."""

    def name(self) -> str:
        return "action_respond"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        lang, events = current_language(tracker)
        events.append(SlotSet("misunderstandings", 0))
        intent = (tracker.latest_message.get("intent") or {}).get("name") or "help"
        domestic = bool(tracker.get_slot("domestic_worker")) or intent == "ask_domestic_worker" or says_domestic(tracker)
        if domestic and not tracker.get_slot("domestic_worker"):
            events.append(SlotSet("domestic_worker", True))
        if intent.startswith("ask_"):
            topic = intent[len("ask_"):]
            if topic in DOMESTIC_VARIANTS and domestic:
                say(dispatcher, lang, f"answer.{topic}.domestic")
            else:
                say(dispatcher, lang, f"answer.{topic}")
                if topic in DOMESTIC_VARIANTS:
                    say(dispatcher, lang, "domestic.note", [("topic.domestic", "/ask_domestic_worker")])
        elif intent in ("greet", "help", "affirm", "deny"):
            say(dispatcher, lang, intent, TOPIC_MENU)
        elif intent == "bot_challenge":
            say(dispatcher, lang, intent, [("topic.human", "/ask_human")])
        elif intent in messages("en"):
            say(dispatcher, lang, intent)
        else:
            say(dispatcher, lang, "help", TOPIC_MENU)
        return finish_turn(dispatcher, tracker, lang, events)


class ActionChooseLanguage(Action):
    """Switch to the language the worker named, or show the language menu."""

    def name(self) -> str:
        return "action_choose_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        lang, events = current_language(tracker)
        chosen = requested_language(tracker)
        events.append(SlotSet("misunderstandings", 0))
        if chosen:
            events += [SlotSet("language", chosen), SlotSet("language_confirmed", True)]
            say(dispatcher, chosen, "language.changed")
            dispatcher.utter_message(json_message={"language": chosen})
            return events
        events.append(show_language_menu(dispatcher, lang, "language.menu"))
        dispatcher.utter_message(json_message={"language": lang})
        return events
