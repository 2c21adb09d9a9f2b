"""Rasa NLU components: Unicode normalisation before tokenising, and language detection."""

from __future__ import annotations

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

from nlu.components.langid import BACKENDS, LanguageDetector as Detector, RomanizedModel, latin_training_examples, normalize

logger = logging.getLogger(__name__)

_MODEL_FILE = "romanized.json"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class NormalizingWhitespaceTokenizer(WhitespaceTokenizer):
    """Whitespace tokenizer that first applies NFC and drops zero-width and bidi controls."""

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute)
        if isinstance(text, str):
            message.set(attribute, normalize(text))
        return super().tokenize(message, attribute)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=True)
class LanguageDetector(GraphComponent):
    """Adds `language` (ISO 639-1) and `language_detection` to every parsed message."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # backend: statistical model for Arabic script and Devanagari ("py3langid" or "langdetect").
        # nlu_dir: where the Latin-script training examples for the romanised model live.
        return {"backend": "py3langid", "nlu_dir": "nlu"}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, romanized: Optional[RomanizedModel] = None) -> None:
        if config["backend"] not in BACKENDS:
            raise ValueError(f"Unknown language-ID backend {config['backend']!r}; use one of {sorted(BACKENDS)}")
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._detector = Detector(BACKENDS[config["backend"]](), romanized)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext) -> "LanguageDetector":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext, **kwargs: Any) -> "LanguageDetector":
        try:
            with model_storage.read_from(resource) as directory:
                romanized = RomanizedModel.from_json((directory / _MODEL_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            logger.warning("No romanised language model in this Rasa model; Latin text falls back to the backend")
            romanized = None
        return cls(config, model_storage, resource, romanized)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the romanised-text model on the Latin-script examples of nlu/<lang>/."""
        examples = latin_training_examples(Path(self._config["nlu_dir"]))
        model = RomanizedModel.train(examples)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / _MODEL_FILE).write_text(model.to_json(), encoding="utf-8")
        self._detector.romanized = model
        logger.info("Romanised language model trained on %d Latin-script examples", len(examples))
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
