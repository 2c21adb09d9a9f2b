"""Language identification for short worker messages (no Rasa import; used by the NLU component).

Pipeline, per ../shared/design/reference/language-id.md and our own benchmark (`make bench`):
1. Unicode script first: bn, ml, ta, te, si, am are decided by their script alone.
2. Arabic script (ar/ur) and Devanagari (hi/ne): a statistical backend (py3langid by default,
   langdetect selectable) restricted to the script's candidates.
3. Latin script: our own character n-gram naive Bayes model, trained on the Latin-script
   examples in nlu/<lang>/ (romanised Hindi/Urdu, Arabizi, Manglish, Taglish, English, ...),
   because every off-the-shelf detector calls romanised Urdu Indonesian, Swahili or Tagalog.

A detection is "reliable" only when it may change a conversation's stored language.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

LANGUAGES = ("en", "ar", "hi", "ur", "bn", "ml", "ta", "te", "si", "ne", "tl", "am")

# Scripts that one language owns among ours, and scripts that need a model.
SCRIPT_LANGUAGE = {"Bengali": "bn", "Malayalam": "ml", "Tamil": "ta", "Telugu": "te", "Sinhala": "si", "Ethiopic": "am"}
SCRIPT_CANDIDATES = {"Arabic": ("ar", "ur"), "Devanagari": ("hi", "ne"), "Latin": ("en", "tl")}
LANGUAGE_SCRIPT = {"en": "Latin", "tl": "Latin", "ar": "Arabic", "ur": "Arabic", "hi": "Devanagari", "ne": "Devanagari"}
LANGUAGE_SCRIPT.update({lang: script for script, lang in SCRIPT_LANGUAGE.items()})

_RANGES: Tuple[Tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latin"), (0x0061, 0x007A, "Latin"), (0x00C0, 0x024F, "Latin"),
    (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0x08A0, 0x08FF, "Arabic"),
    (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"), (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"), (0x0D00, 0x0D7F, "Malayalam"), (0x0D80, 0x0DFF, "Sinhala"),
    (0x1200, 0x139F, "Ethiopic"), (0x2D80, 0x2DDF, "Ethiopic"), (0xAB00, 0xAB2F, "Ethiopic"),
)
# Letters only Urdu (not Arabic) uses: a strong hint inside the Arabic script.
_URDU_LETTERS = set("ٹڈڑںےۓھ")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"), None)
_URL = re.compile(r"https?://\S+|www\.\S+|@\w+")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# A language may change the conversation's language only on this much evidence.
MIN_RELIABLE_WORDS = 3
MIN_RELIABLE_PROB = 0.9


def normalize(text: str) -> str:
    """Return text in NFC without zero-width and bidi control characters."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    # ZWJ/ZWNJ are meaningful inside Indic and Perso-Arabic words; elsewhere they are noise.
    return text.replace("\u200c", "").replace("\u200d", "")


def script_of(char: str) -> Optional[str]:
    """Return the script name of one character, or None for digits, punctuation, emoji."""
    code = ord(char)
    for low, high, name in _RANGES:
        if low <= code <= high:
            return name
    return None


def dominant_script(text: str) -> Tuple[Optional[str], int]:
    """Return (script, letter count); a non-Latin script wins at 25% of the letters."""
    counts: Counter = Counter()
    for char in text:
        if char.isalpha():
            name = script_of(char)
            if name:
                counts[name] += 1
    total = sum(counts.values())
    if not total:
        return None, 0
    non_latin = [(n, c) for n, c in counts.most_common() if n != "Latin"]
    if non_latin and non_latin[0][1] >= 0.25 * total:
        return non_latin[0][0], total
    return counts.most_common(1)[0][0], total


# --- Latin script: our own model for romanised text --------------------------------------------


def _features(text: str) -> List[str]:
    words = _WORD.findall(_URL.sub(" ", text.lower()))
    feats = ["w:" + w for w in words]
    for w in words:
        padded = f" {w} "
        for n in (2, 3, 4):
            feats.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return feats


class RomanizedModel:
    """Multinomial naive Bayes over word and character 2-4-grams of Latin-script text."""

    def __init__(self, log_prior: Dict[str, float], log_prob: Dict[str, Dict[str, float]], log_unseen: Dict[str, float]):
        self.log_prior = log_prior
        self.log_prob = log_prob
        self.log_unseen = log_unseen

    @classmethod
    def train(cls, examples: Iterable[Tuple[str, str]], alpha: float = 0.1) -> "RomanizedModel":
        """Fit on (text, language) pairs; text must be mostly Latin script."""
        counts: Dict[str, Counter] = defaultdict(Counter)
        docs: Counter = Counter()
        for text, lang in examples:
            counts[lang].update(_features(normalize(text)))
            docs[lang] += 1
        vocab = set().union(*counts.values()) if counts else set()
        total_docs = sum(docs.values())
        log_prior, log_prob, log_unseen = {}, {}, {}
        for lang, feats in counts.items():
            denom = sum(feats.values()) + alpha * (len(vocab) + 1)
            # Uniform priors: the share of each language in our data says nothing about users.
            log_prior[lang] = math.log(1.0 / len(counts)) if total_docs else 0.0
            log_prob[lang] = {f: math.log((c + alpha) / denom) for f, c in feats.items()}
            log_unseen[lang] = math.log(alpha / denom)
        return cls(log_prior, log_prob, log_unseen)

    def predict_proba(self, text: str) -> Dict[str, float]:
        """Return the posterior per language (empty when the text has no letters)."""
        feats = _features(text)
        if not feats:
            return {}
        scores = {}
        for lang, table in self.log_prob.items():
            unseen = self.log_unseen[lang]
            scores[lang] = self.log_prior[lang] + sum(table.get(f, unseen) for f in feats) / math.sqrt(len(feats))
        top = max(scores.values())
        exp = {lang: math.exp(s - top) for lang, s in scores.items()}
        norm = sum(exp.values())
        return {lang: v / norm for lang, v in exp.items()}

    def to_json(self) -> str:
        return json.dumps({"log_prior": self.log_prior, "log_prob": self.log_prob, "log_unseen": self.log_unseen})

    @classmethod
    def from_json(cls, data: str) -> "RomanizedModel":
        raw = json.loads(data)
        return cls(raw["log_prior"], raw["log_prob"], raw["log_unseen"])


def latin_training_examples(nlu_dir: Path, languages: Sequence[str] = LANGUAGES) -> List[Tuple[str, str]]:
    """Collect (text, lang) for every mostly-Latin example in nlu/<lang>/*.yml (annotations stripped)."""
    import yaml  # local: only training needs it

    out: List[Tuple[str, str]] = []
    for lang in languages:
        for path in sorted((nlu_dir / lang).glob("*.yml")):
            for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
                for line in str(block.get("examples", "")).splitlines():
                    text = strip_annotations(line.strip()[2:] if line.strip().startswith("- ") else line.strip())
                    if text and dominant_script(text)[0] == "Latin":
                        out.append((text, lang))
    return out


_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\{[^}]*\}|\([^)]*\))")


def strip_annotations(text: str) -> str:
    """Turn Rasa entity markup `[Hindi]{...}` into its plain text."""
    return _ANNOTATION.sub(r"\1", text)


# --- statistical backends for Arabic script and Devanagari -------------------------------------

Backend = Callable[[str, Sequence[str]], Dict[str, float]]


def py3langid_backend() -> Backend:
    """Return a scorer using one py3langid model, ranked and filtered to the candidates."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def score(text: str, candidates: Sequence[str]) -> Dict[str, float]:
        ranked = {lang: p for lang, p in identifier.rank(text) if lang in candidates}
        total = sum(ranked.values()) or 1.0
        return {lang: p / total for lang, p in ranked.items()}

    return score


def langdetect_backend() -> Backend:
    """Return a scorer using langdetect (seeded, so results are repeatable)."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def score(text: str, candidates: Sequence[str]) -> Dict[str, float]:
        try:
            found = {r.lang: r.prob for r in detect_langs(text) if r.lang in candidates}
        except LangDetectException:
            return {}
        total = sum(found.values())
        return {lang: p / total for lang, p in found.items()} if total else {}

    return score


BACKENDS: Dict[str, Callable[[], Backend]] = {"py3langid": py3langid_backend, "langdetect": langdetect_backend}


@dataclass(frozen=True)
class Detection:
    language: Optional[str]  # None when the text has no letters (emoji, digits, stickers)
    script: Optional[str]
    confidence: float
    reliable: bool  # strong enough evidence to change a conversation's language


class LanguageDetector:
    """Script router + backend for Arabic/Devanagari + romanised model for Latin."""

    def __init__(self, backend: Backend, romanized: Optional[RomanizedModel], hindi_bias: float = 0.75):
        self.backend = backend
        self.romanized = romanized
        # py3langid calls many short Hindi phrases Nepali; far more of our users write Hindi,
        # so Nepali must win clearly. Tuned on our own held-out nlu data (tests/nlu/heldout).
        self.hindi_bias = hindi_bias

    def detect(self, text: str) -> Detection:
        text = normalize(text)
        script, letters = dominant_script(text)
        words = len(_WORD.findall(text))
        if script is None or letters < 2:
            return Detection(None, script, 0.0, False)
        if script in SCRIPT_LANGUAGE:
            return Detection(SCRIPT_LANGUAGE[script], script, 1.0, True)
        if script == "Latin":
            probs = self.romanized.predict_proba(text) if self.romanized else {}
            if not probs:
                probs = self.backend(text, SCRIPT_CANDIDATES["Latin"])
        else:
            candidates = SCRIPT_CANDIDATES[script]
            only_script = "".join(c for c in text if script_of(c) == script)
            probs = self.backend(only_script, candidates) or {candidates[0]: 0.5}
            if script == "Arabic" and _URDU_LETTERS.intersection(text):
                probs = {"ur": max(probs.get("ur", 0.0), 0.95), "ar": min(probs.get("ar", 0.0), 0.05)}
            if script == "Devanagari" and probs.get("ne", 0.0) < self.hindi_bias:
                probs = {"hi": max(probs.get("hi", 0.0), 1 - probs.get("ne", 0.0)), "ne": probs.get("ne", 0.0)}
        lang, prob = max(probs.items(), key=lambda kv: kv[1])
        reliable = prob >= MIN_RELIABLE_PROB and words >= MIN_RELIABLE_WORDS
        return Detection(lang, script, round(prob, 4), reliable)


def build_detector(backend: str = "py3langid", nlu_dir: Optional[Path] = None, romanized: Optional[RomanizedModel] = None) -> LanguageDetector:
    """Return a detector; trains the romanised model from nlu_dir when none is given."""
    if romanized is None and nlu_dir is not None:
        romanized = RomanizedModel.train(latin_training_examples(nlu_dir))
    return LanguageDetector(BACKENDS[backend](), romanized)
