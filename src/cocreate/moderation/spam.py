"""Spam heuristics on text: a score from 0 upwards with the reasons that made it. Above
settings.MODERATION_SPAM_THRESHOLD (1.0 by default) the content goes to the moderation queue with a system flag;
nothing is dropped silently."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

SPAM_PHRASES = (
    "buy now",
    "click here",
    "free money",
    "limited offer",
    "work from home",
    "earn money fast",
    "casino",
    "viagra",
    "crypto giveaway",
    "100% free",
    "make money online",
    "cheap pills",
)
_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
_RUN = re.compile(r"(.)\1{7,}")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SpamVerdict:
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: float, reason: str) -> None:
        self.score = round(self.score + points, 2)
        self.reasons.append(reason)

    @property
    def is_spam(self) -> bool:
        return self.score >= threshold()


def threshold() -> float:
    return float(getattr(settings, "MODERATION_SPAM_THRESHOLD", 1.0))


def spam_score(text: str, *, duplicates: int = 0) -> SpamVerdict:
    """Score `text`. `duplicates` is how many times the same author posted the same text recently."""
    verdict = SpamVerdict()
    text = text or ""
    links = len(_LINK.findall(text))
    if links >= 3:
        verdict.add(0.4 + 0.1 * (links - 3), _("%(n)d links") % {"n": links})
    if _RUN.search(text):
        verdict.add(0.3, _("repeated characters"))
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) >= 8:
        word, times = Counter(words).most_common(1)[0]
        if times >= 5 and times / len(words) > 0.3:
            verdict.add(0.4, _("the word “%(word)s” repeated %(n)d times") % {"word": word, "n": times})
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        verdict.add(0.4, _("mostly capital letters"))
    lowered = text.lower()
    for phrase in SPAM_PHRASES:
        if phrase in lowered:
            verdict.add(0.5, _("spam phrase “%(phrase)s”") % {"phrase": phrase})
    if duplicates >= 1:
        verdict.add(0.4 + 0.3 * min(duplicates, 3), _("the same text posted %(n)d times") % {"n": duplicates + 1})
    return verdict
