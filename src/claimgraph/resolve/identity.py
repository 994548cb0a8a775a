"""One source across articles: the key under which the mentions of one person or body are one source.

"Trump", "Donald Trump" and "President Donald Trump" are one person; "Mark T. Esper" and "Secretary Esper"
one; "Johns Hopkins University (JHU) data" and "Johns Hopkins University data" one body; "U.S." and
"United States" one country. A person is keyed by the surname left once honorifics and titles are dropped;
a body by its name without parentheses, a leading "the"/"data from the", a trailing document noun
("report", "data") and with British and American spellings folded. Pronouns ("you", "we") never stand
for a source across articles: they are nobody's name. Independence of corroborating sources rests on this.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..annotate.lexicon import lexicon

__all__ = ["source_key"]

PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "us", "them", "me", "him", "her", "one"}
SPELLINGS = (("isation", "ization"), ("ise ", "ize "), ("defence", "defense"), ("centre", "center"))
LEADING = re.compile(r"^(?:data|figures|a report|reports?|a statement|statement)\s+(?:from|by|of)\s+", re.I)
RELAYING_TAIL = re.compile(r"\s+(?:citing|quoting)\s.*$", re.I)
DOCUMENT_TAIL = {"data", "figures", "report", "statement", "reports", "account", "spokesperson",
                 "spokesman", "spokeswoman"}


@cache
def _titles() -> frozenset[str]:
    words = lexicon("sources")
    return frozenset(words["honorifics"]) | frozenset(words["titles"])


@lru_cache(maxsize=65_536)
def source_key(name: str, kind: str) -> str | None:
    """The cross-article key of a source name; None for a pronoun, which names nobody."""
    text = re.sub(r"\s*\([^)]*\)?", "", name).strip()
    text = LEADING.sub("", text)
    text = RELAYING_TAIL.sub("", text)  # "a report citing the mayor's office" is that report
    lower = " ".join(text.lower().replace("’", "'").split())
    if lower in PRONOUNS or not lower:
        return None
    lower = re.sub(r"^the\s+", "", lower)
    for british, american in SPELLINGS:
        lower = (lower + " ").replace(british, american).strip()
    words = lower.split()
    while len(words) > 1 and words[-1] in DOCUMENT_TAIL:
        words.pop()
    aliases = lexicon("sources")["country_aliases"]
    joined = " ".join(words)
    if joined in aliases:
        return aliases[joined].lower()
    if kind == "person":
        titles = _titles()
        bare = [w for w in words if w not in titles and not re.fullmatch(r"[a-z]\.?", w)]
        if bare:
            return bare[-1].strip(".,")  # the surname: "President Donald Trump", "Trump" -> "trump"
    return joined
