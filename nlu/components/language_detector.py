"""Rasa NLU components: Unicode normalisation before tokenising, and language detection."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.components.langid import BACKENDS, NgramModel, build_detector, fold, normalize, train_models

logger = logging.getLogger(__name__)

_MODEL_FILE = "script_models.json"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class NormalizingWhitespaceTokenizer(WhitespaceTokenizer):
    """Whitespace tokenizer over normalised text, with spelling variants folded for the features.

    The message keeps its normalised text (the language detector needs Urdu's own letters);
    only the tokens are folded.
    """

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute)
        if not isinstance(text, str):
            return super().tokenize(message, attribute)
        text = normalize(text)
        message.set(attribute, text)
        return super().tokenize(Message(data={attribute: fold(text)}), attribute)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=True)
class LanguageDetector(GraphComponent):
    """Adds `language` (ISO 639-1) and `language_detection` to every parsed message."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # backend: statistical model for Arabic script and Devanagari ("py3langid" or "langdetect").
        # nlu_dir: where the training examples for the per-script n-gram models live.
        return {"backend": "py3langid", "nlu_dir": "nlu"}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, models: Optional[Dict[str, NgramModel]] = None) -> None:
        if config["backend"] not in BACKENDS:
            raise ValueError(f"Unknown language-ID backend {config['backend']!r}; use one of {sorted(BACKENDS)}")
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._detector = build_detector(config["backend"], models)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext) -> "LanguageDetector":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext, **kwargs: Any) -> "LanguageDetector":
        try:
            with model_storage.read_from(resource) as directory:
                raw = json.loads((directory / _MODEL_FILE).read_text(encoding="utf-8"))
            models = {script: NgramModel.from_json(data) for script, data in raw.items()}
        except (ValueError, FileNotFoundError):
            logger.warning("No per-script language models in this Rasa model; the backend decides alone")
            models = None
        return cls(config, model_storage, resource, models)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the per-script n-gram models (romanised Latin, Arabic, Devanagari) on nlu/<lang>/."""
        models = train_models(Path(self._config["nlu_dir"]))
        with self._model_storage.write_to(self._resource) as directory:
            (directory / _MODEL_FILE).write_text(json.dumps({k: m.to_json() for k, m in models.items()}), encoding="utf-8")
        self._detector = build_detector(self._config["backend"], models)
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            found = self._detector.detect(text)
            message.set("language", found.language, add_to_output=True)
            message.set(
                "language_detection",
                {"script": found.script, "confidence": found.confidence, "reliable": found.reliable},
                add_to_output=True,
            )
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DistressPriority(GraphComponent):
    """Predict distress when the distress intents together are likely enough.

    A missed crisis costs far more than an unneeded handoff: when the summed confidence of all
    distress_* intents reaches `threshold`, the most likely distress intent becomes the intent.
    Runs after FallbackClassifier, so that a likely crisis is handed to a person rather than asked
    back about: it also replaces `nlu_fallback` (which stays in the ranking).
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"threshold": 0.3}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.threshold = float(config["threshold"])

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext) -> "DistressPriority":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            ranking = message.get("intent_ranking") or []
            distress = [r for r in ranking if str(r.get("name", "")).startswith("distress_")]
            intent = message.get("intent") or {}
            if not distress or str(intent.get("name", "")).startswith("distress_"):
                continue
            total = sum(float(r.get("confidence") or 0.0) for r in distress)
            if total >= self.threshold:
                top = max(distress, key=lambda r: r.get("confidence") or 0.0)
                promoted = {"name": top["name"], "confidence": total}
                message.set("intent", promoted, add_to_output=True)
                message.set("intent_ranking", [promoted] + [r for r in ranking if r["name"] != top["name"]], add_to_output=True)
        return messages
