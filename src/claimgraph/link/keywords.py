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

__all__ = ["keywords", "link_words", "normalize_word", "proper_names"]

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
    # "Mexicans" is Mexico as "Mexican" is
    return words["demonyms"].get(stem) or words["synonyms"].get(stem, stem)


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


@cache
def _abbreviated_countries() -> re.Pattern[str]:
    """"US", "U.S.", "UK" written in capitals: a country, not the pronoun "us" (a stop word)."""
    aliases = lexicon("sources")["country_aliases"]
    short = sorted((a.upper() for a in aliases if len(a.replace(".", "")) <= 3), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in short) + r")(?![\w])")


def proper_names(text: str) -> set[str]:
    """Capitalized words and runs of them after the first word: proper names, normalized like keywords
    ("U.S." and "United States" are one name)."""
    aliases = lexicon("sources")["country_aliases"]
    text = _abbreviated_countries().sub(lambda m: aliases[m.group(1).lower()], text)
    names: set[str] = set()
    for match in re.finditer(r"(?<!^)(?<![.!?]\s)\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)", text):
        names |= keywords(match.group(1))
    stop = set(link_words()["stopwords"])
    return {n for n in names if n not in stop}
