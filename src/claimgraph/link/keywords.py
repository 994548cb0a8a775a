"""Content words of a claim, normalized so that two phrasings of one fact share them.

Lower-cased, stop words dropped, plurals and verb endings folded, demonyms mapped to their country
("North Korean" -> "north korea"), and a few near-synonyms folded ("soldiers" -> "troop"). Cheap and
transparent: this decides which claims are compared at all, and explains why.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from ..annotate.lexicon import lexicon

__all__ = ["keywords", "link_words", "normalize_word"]

COMPASS = {"north", "south", "east", "west", "new", "united", "saudi", "sri", "hong", "el", "los", "san"}


def link_words() -> dict[str, Any]:
    """link/data.json: stop words, synonyms, kinds of count and the other lists the link stage reads."""
    return lexicon("data", package="claimgraph.link", folder=".")


def _stem(word: str) -> str:
    # "poisoned", "reported": past forms fold into the verb, so "was poisoned" meets "poison"
    if word.endswith("ied") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("ed") and len(word) > 5 and not word.endswith("eed"):
        return word[:-2]
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith(("ss", "us", "is")):
            candidate = word[: -len(suffix)] + keep
            if suffix == "es" and not re.search(r"(ch|sh|x|z|ss)$", candidate):
                candidate = word[:-1]
            return candidate
    return word


@cache
def normalize_word(word: str) -> str:
    words = link_words()
    word = word.lower().replace("’", "'")
    if word in words["demonyms"]:
        return words["demonyms"][word]
    if word in words["synonyms"]:
        return words["synonyms"][word]
    stem = _stem(word)
    return words["synonyms"].get(stem, stem)


@lru_cache(maxsize=65_536)  # bounded: a server links claims for months
def keywords(text: str) -> frozenset[str]:
    """The normalized content words of `text` (figures excluded: they are compared as quantities)."""
    stop = set(link_words()["stopwords"])
    out = set()
    words = [re.sub(r"['’]s?$", "", w).lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text)]
    i = 0
    while i < len(words):
        word = words[i]
        # "North Korea", "South Korean": one place, not "north" plus "korea"
        if word in COMPASS and i + 1 < len(words):
            out.add(word + " " + normalize_word(words[i + 1]))
            i += 2
            continue
        if word not in stop and len(word) >= 3:
            out.add(normalize_word(word))
        i += 1
    return frozenset(w for w in out if w not in stop)
