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
# Function words of Hindi/Urdu written in Latin letters that no other of our Latin-script
# languages (English, Tagalog, romanised Bengali/Nepali/Malayalam...) uses as a word. Ambiguous
# ones (ko, ka, ki, na, se, do, to, me, ho, par) are left out on purpose.
ROMAN_HINDUSTANI = frozenset("""
hai hain hay hy hoon hun nahi nahin nhi nai kya kyun kyu kyon mein mai main bhi aur tha thi the raha rahi rahe
kar karo karna krna kr karta karti karte mujhe mjhe mujh mera meri mere tera teri tere tum tumhe tumhara aap ap
apna apni apne hum hamara hamari yeh ye woh wo yahan wahan kaise kaisa kaisi kab kahan kuch sab bahut bohat bht
bhot acha achha accha theek thik sirf lekin magar agar jab phir abhi hoga hogi hota hoti gaya gayi gya diya liya
chahiye chahie sakta sakti sakte wala wali wale rha rhi dena lena milta mili mila raho yaar yar bhai ji
""".split())


def normalize(text: str) -> str:
    """Return text in NFC without zero-width and bidi control characters."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    # ZWJ/ZWNJ are meaningful inside Indic and Perso-Arabic words; elsewhere they are noise.
    return text.replace("\u200c", "").replace("\u200d", "")


# Spelling variants folded for the intent features (never for language detection): Arabic-script
# hamza/alef forms, ta marbuta, Arabic vs Urdu yeh/kaf/heh, diacritics and tatweel; Devanagari nukta
# and chandrabindu; any letter typed three or more times ("plzzz", "helppp").
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ے": "ي", "ئ": "ي", "ك": "ک",
                       "ة": "ه", "ہ": "ه", "ۀ": "ه", "ۃ": "ه", "ؤ": "و", "ँ": "ं", "\u093c": None, "\u0640": None})
_DIACRITICS = re.compile("[\u064b-\u065f\u0670]")
_REPEATS = re.compile(r"(\w)\1{2,}")


def fold(text: str) -> str:
    """Return text with spelling variants folded, for features only."""
    return _REPEATS.sub(r"\1\1", _DIACRITICS.sub("", text.translate(_FOLD)))


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


# --- our own n-gram models: romanised Latin text, and ar/ur, hi/ne inside their scripts -------


def _features(text: str) -> List[str]:
    words = _WORD.findall(_URL.sub(" ", text.lower()))
    feats = ["w:" + w for w in words]
    for w in words:
        padded = f" {w} "
        for n in (2, 3, 4):
            feats.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return feats


class NgramModel:
    """Multinomial naive Bayes over word and character 2-4-grams of one script's text."""

    def __init__(self, log_prior: Dict[str, float], log_prob: Dict[str, Dict[str, float]], log_unseen: Dict[str, float]):
        self.log_prior = log_prior
        self.log_prob = log_prob
        self.log_unseen = log_unseen

    @classmethod
    def train(cls, examples: Iterable[Tuple[str, str]], alpha: float = 0.1) -> "NgramModel":
        """Fit on (text, language) pairs of one script."""
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
            # The prior is each language's share of our examples in this script, which follows how
            # often its speakers write romanised (most for Hindi/Urdu, least for Amharic).
            log_prior[lang] = math.log(docs[lang] / total_docs)
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
    def from_json(cls, data: str) -> "NgramModel":
        raw = json.loads(data)
        return cls(raw["log_prior"], raw["log_prob"], raw["log_unseen"])


def read_examples(path: Path) -> List[Tuple[str, str]]:
    """(text, intent) for every example of a Rasa NLU YAML file, entity markup removed."""
    import yaml  # local: only training and evaluation need it

    out: List[Tuple[str, str]] = []
    for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
        for line in str(block.get("examples", "")).splitlines():
            line = line.strip()
            text = strip_annotations(line[2:].strip()) if line.startswith("- ") else ""
            if text:
                out.append((text, block.get("intent")))
    return out


def script_examples(nlu_dir: Path, script: str, languages: Sequence[str] = LANGUAGES) -> List[Tuple[str, str]]:
    """Collect (text, lang) for every example of one script in nlu/<lang>/*.yml (annotations stripped)."""
    return [
        (text, lang)
        for lang in languages
        for path in sorted((nlu_dir / lang).glob("*.yml"))
        for text, _ in read_examples(path)
        if dominant_script(text)[0] == script
    ]


_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\{[^}]*\}|\([^)]*\))")


def strip_annotations(text: str) -> str:
    """Turn Rasa entity markup `[Hindi]{...}` into its plain text."""
    return _ANNOTATION.sub(r"\1", text)


# --- statistical backends for Arabic script and Devanagari -------------------------------------

Backend = Callable[[str, Optional[Sequence[str]]], Dict[str, float]]
ALL_BACKEND_LANGUAGES = None  # ask a backend for its whole ranking, not restricted


def py3langid_backend() -> Backend:
    """Return a scorer using one py3langid model, ranked and filtered to the candidates."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def score(text: str, candidates: Sequence[str]) -> Dict[str, float]:
        ranked = {lang: p for lang, p in identifier.rank(text) if candidates is None or lang in candidates}
        total = 1.0 if candidates is None else (sum(ranked.values()) or 1.0)
        return {lang: p / total for lang, p in ranked.items()}

    return score


def langdetect_backend() -> Backend:
    """Return a scorer using langdetect (seeded, so results are repeatable)."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def score(text: str, candidates: Sequence[str]) -> Dict[str, float]:
        try:
            found = {r.lang: r.prob for r in detect_langs(text) if candidates is None or r.lang in candidates}
        except LangDetectException:
            return {}
        total = 1.0 if candidates is None else sum(found.values())
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
    """Script router; inside a shared script, our n-gram models times the backend (product of experts)."""

    def __init__(self, backend: Backend, models: Optional[Dict[str, NgramModel]] = None, hindi_prior: float = 0.6):
        self.backend = backend
        # Our own models per shared script (Latin, Arabic, Devanagari), trained on nlu/ (train_models).
        self.models = models or {}
        # Far more of our users write Hindi than Nepali; without this prior short Hindi
        # phrases go to Nepali (py3langid's known bias, language-id.md section 3.2).
        self.hindi_prior = hindi_prior

    def _latin(self, text: str) -> Dict[str, float]:
        """Romanised Hindi/Urdu by its function words; real English/Tagalog per the backend;
        other romanised languages per our own model trained on nlu/."""
        romanised = self.models.get("Latin")
        ours = romanised.predict_proba(text) if romanised else {}
        words = _WORD.findall(text.lower())
        hits = sum(w in ROMAN_HINDUSTANI for w in words)
        if hits >= 2 or (hits and hits * 3 >= len(words)):
            hi, ur = ours.get("hi", 0.5), ours.get("ur", 0.5)
            return {"ur": ur / (hi + ur), "hi": hi / (hi + ur)} if hi + ur else {"ur": 1.0}
        theirs = self.backend(text, ALL_BACKEND_LANGUAGES)
        top = max(theirs, key=theirs.get) if theirs else None
        # The backend has seen far more real English and Tagalog than we have: when it ranks one
        # of them first, it decides. Romanised text it calls Indonesian, Swahili, Somali...
        if top in SCRIPT_CANDIDATES["Latin"]:
            return {top: theirs[top]}
        return ours or {lang: theirs.get(lang, 0.0) for lang in SCRIPT_CANDIDATES["Latin"]}

    def _shared_script(self, text: str, script: str) -> Dict[str, float]:
        candidates = SCRIPT_CANDIDATES[script]
        only_script = "".join(c if script_of(c) == script or not c.isalpha() else " " for c in text)
        theirs = self.backend(only_script, candidates) or {lang: 1.0 / len(candidates) for lang in candidates}
        model = self.models.get(script)
        ours = model.predict_proba(only_script) if model else {}
        prior = {"hi": self.hindi_prior, "ne": 1 - self.hindi_prior} if script == "Devanagari" else {}
        combined = {
            lang: math.sqrt(max(theirs.get(lang, 0.0), 1e-9) * max(ours.get(lang, theirs.get(lang, 0.0)), 1e-9)) * prior.get(lang, 1.0)
            for lang in candidates
        }
        if script == "Arabic" and _URDU_LETTERS.intersection(text):
            combined["ur"] = max(combined["ur"], 19 * combined["ar"])
        total = sum(combined.values()) or 1.0
        return {lang: v / total for lang, v in combined.items()}

    def detect(self, text: str) -> Detection:
        text = normalize(text)
        script, letters = dominant_script(text)
        words = len(_WORD.findall(text))
        if script is None or letters < 2:
            return Detection(None, script, 0.0, False)
        if script in SCRIPT_LANGUAGE:
            return Detection(SCRIPT_LANGUAGE[script], script, 1.0, True)
        probs = self._latin(text) if script == "Latin" else self._shared_script(text, script)
        lang, prob = max(probs.items(), key=lambda kv: kv[1])
        reliable = prob >= MIN_RELIABLE_PROB and words >= MIN_RELIABLE_WORDS
        return Detection(lang, script, round(prob, 4), reliable)


def train_models(nlu_dir: Path) -> Dict[str, NgramModel]:
    """Train one n-gram model per shared script on our own nlu/ examples."""
    return {script: NgramModel.train(script_examples(nlu_dir, script)) for script in SCRIPT_CANDIDATES}


def build_detector(backend: str = "py3langid", models: Optional[Dict[str, NgramModel]] = None) -> LanguageDetector:
    """Return a detector from trained per-script models (see train_models)."""
    return LanguageDetector(BACKENDS[backend](), models)
