"""Source mentions resolved to names inside one document, with a kind.

"Mr Zelensky" and "Zelensky" become the full name seen earlier ("Volodymyr Zelensky"); "he" the last person
who spoke; "the president" the last person introduced with that title; "the NIS" the name its acronym was
introduced with ("National Intelligence Service (NIS)"); "Moscow" as a speaker the Russian government.
Kinds (person, government, organization, media, group, anonymous) come from the entity type and word lists
in annotate/data/sources.json.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..annotate.lexicon import honorifics, lexicon, titles
from ..annotate.nonclaims import nonclaim_at
from ..model import Source, SourceKind

__all__ = ["SourceResolver"]

PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_GROUP = {"they", "them"}
PRONOUNS_THING = {"it"}
PRONOUNS_SPEAKER = {"i", "we", "me", "us", "my", "our"}
DETERMINERS = {"the", "a", "an", "both", "this", "that", "these", "those", "its", "their", "his", "her", "our"}


@dataclass
class SourceResolver:
    """Resolves mentions of one Doc in reading order; remembers who spoke last for pronouns."""

    doc: Doc
    full_names: dict[str, str] = field(default_factory=dict)  # surname (lower) -> longest full name
    acronyms: dict[str, str] = field(default_factory=dict)  # "nis" -> "National Intelligence Service"
    titled: list[tuple[int, str, str]] = field(default_factory=list)  # (token index, title word, name)
    history: list[tuple[int, Source]] = field(default_factory=list)  # (token index, resolved source)
    # who "I" and "we" are at a token outside quotations (a transcript turn's speaker, the document's author)
    voice: Callable[[int], Source] | None = None

    def __post_init__(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and len(ent) >= 1:
                name = _clean_name(ent.text)
                surname = name.split()[-1].lower() if name else ""
                if surname and len(name) > len(self.full_names.get(surname, "")):
                    self.full_names[surname] = name
                for token in self.doc[max(ent.start - 5, 0) : ent.start]:
                    if token.lower_ in titles() and token.head.i in range(ent.start, ent.end):
                        self.titled.append((ent.start, token.lower_, name))
                for token in ent.root.children:  # "Josh Bash, a prosecutor,"
                    if token.dep_ == "appos":
                        for word in token.subtree:
                            if word.lower_ in titles():
                                self.titled.append((ent.start, word.lower_, name))
        for match in re.finditer(r"((?:[A-Z][\w’'-]+\s+){1,7})\(([A-Z]{2,8})\)", self.doc.text):
            long_form = match.group(1).strip()
            acronym = match.group(2)
            initials = "".join(w[0] for w in long_form.split() if w[0].isupper())
            if initials.endswith(acronym) or acronym[0] == long_form[0]:
                words_needed = len(acronym)
                self.acronyms[acronym.lower()] = " ".join(long_form.split()[-words_needed:])

    def resolve(self, offsets: tuple[int, int] | None) -> Source | None:
        if offsets is None:
            return None
        span = self.doc[offsets[0] : offsets[1]]
        source = self._resolve(span)
        self.history.append((span.start, source))
        self.history.sort(key=lambda item: item[0])
        return source

    def _resolve(self, span: Span) -> Source:
        mention = span.text.strip()
        words = lexicon("sources")
        head = span.root
        lower = head.lower_
        if len(span) == 1 and lower in PRONOUNS_PERSON:
            return self._last(("person",), mention, span.start) or Source(mention, mention, "person")
        if len(span) == 1 and lower in PRONOUNS_GROUP | PRONOUNS_THING:
            kinds: tuple[SourceKind, ...] = ("government", "organization", "media", "group")
            return self._last(kinds, mention, span.start) or Source(mention, mention, "anonymous")
        if len(span) == 1 and lower in PRONOUNS_SPEAKER:
            if self.voice is not None and not _quoted(span):
                voice = self.voice(span.start)
                return Source(voice.name, mention, voice.kind)
            speaker = self._last(("person", "government", "organization", "group", "media"), mention, span.start)
            return speaker or Source(mention, mention, "person")
        author = _document_author(span)
        if author is not None:
            # "a statement from the ministry", "WHO's website": the document speaks for its author
            return self._resolve(author)
        persons = [e for e in span.ents if e.label_ == "PERSON"]
        if persons and not _is_plural(span):
            return Source(self._full_name(persons[0].text), mention, "person")
        bare = _strip(span)
        bare_lower = bare.lower()
        if bare_lower in self.acronyms:
            return Source(self.acronyms[bare_lower], mention, _kind(span, words))
        if bare_lower in words["capitals"]:
            return Source(words["capitals"][bare_lower], mention, "government")
        if bare_lower in words["country_aliases"]:
            return Source(words["country_aliases"][bare_lower], mention, "government")
        surname = bare.split()[-1].lower() if bare else ""
        if surname in self.full_names and bare.split()[0].lower().rstrip(".") in honorifics():
            return Source(self.full_names[surname], mention, "person")
        role = self._role(span, bare_lower)
        if role is not None:
            return Source(role, mention, "person")
        if _unowned_document(span):
            # "the statement", "the summary of the decision", "an Order declaring": issued by whoever was
            # speaking (a court, a ministry) when no owner is named
            previous = self._last(("government", "organization", "person", "media", "group"), mention, span.start)
            if previous is not None:
                return previous
        organization = self._named_organization(span)
        if organization is not None:
            return Source(self._expand_acronyms(organization), mention, _kind(span, words))
        return Source(self._expand_acronyms(bare), mention, _kind(span, words))

    def _full_name(self, text: str) -> str:
        name = _clean_name(text)
        surname = name.split()[-1].lower() if name else ""
        return self.full_names.get(surname, name)

    def _expand_acronyms(self, text: str) -> str:
        match = re.fullmatch(r"(.*?)\s*\(([A-Z]{2,8})\)", text)
        return match.group(1) if match else text

    def _role(self, span: Span, bare: str) -> str | None:
        """'the president' -> the last person introduced with that title before this mention."""
        if any(t.pos_ == "PROPN" for t in span) or len(bare.split()) > 3:
            return None
        role_words = [w for w in bare.split() if w in titles()]
        if not role_words or bare.split()[-1] not in titles():
            return None
        candidates = [name for i, title, name in self.titled if title == role_words[-1] and i < span.start]
        return candidates[-1] if candidates else None

    def _last(self, kinds: tuple[str, ...], mention: str, before: int) -> Source | None:
        """The last source of one of `kinds` resolved before token `before`, else the last person named."""
        for position, source in reversed(self.history):
            if position < before and source.kind in kinds:
                return Source(source.name, mention, source.kind)
        if "person" in kinds:
            for ent in reversed([e for e in self.doc.ents if e.label_ == "PERSON" and e.start < before]):
                return Source(self._full_name(ent.text), mention, "person")
        return None

    def _named_organization(self, span: Span) -> str | None:
        """'South Korean intelligence', 'the court' -> the organization named with that word in this text: the
        one named most often before the mention (the story's court, not a higher court it is compared with),
        the latest of those on a tie; with none before it, the longest name."""
        if any(t.pos_ == "PROPN" and t.ent_type_ not in ("NORP", "GPE") for t in span) or span.root.tag_ == "NNS":
            return None
        head = span.root.lower_
        # names in page chrome and headings ("An official website of the X Government") name no party to the story
        named = [e for e in self.doc.ents if e.label_ == "ORG" and head in e.text.lower().split()
                 and len(e) > 1 and not nonclaim_at(self.doc, e.start) and _strip(e)]
        before = [_strip(e) for e in named if e.end <= span.start]
        if before:
            return max(reversed(before), key=before.count)
        return max((_strip(e) for e in named), key=len) if named else None


def _unowned_document(span: Span) -> bool:
    """A ruling, statement or summary named with no owner: no possessive, no proper name, no "by"."""
    head = span.root
    issued = lexicon("sources")["issued_by_the_last_speaker"]
    if head.lemma_.lower() not in issued or any(t.pos_ == "PROPN" for t in span):
        return False
    owned = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("by", "from")) for c in head.children)
    return not owned


def _quoted(span: Span) -> bool:
    return any(q.start <= span.start < q.end for q in span.doc.spans.get("quotes", []))


def _document_author(span: Span) -> Span | None:
    head = span.root
    if head.lemma_.lower() not in lexicon("sources")["document_nouns"] or head.pos_ == "PROPN":
        return None  # "the Evening Post" is a newspaper's name, not a post
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child.doc[child.left_edge.i : child.i + 1]
        if child.dep_ == "compound" and child.pos_ == "PROPN":  # "the WHO report"
            return child.doc[child.left_edge.i : child.i + 1]
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ or obj.lemma_ in _AUTHOR_NOUNS):
                return obj.doc[obj.left_edge.i : obj.right_edge.i + 1]
    return None


_AUTHOR_NOUNS = {"government", "ministry", "office", "police", "army", "agency", "department", "council",
                 "company", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "authorities"}


def _clean_name(text: str) -> str:
    """A person's name without forms of address, and without the office the entity recogniser sometimes
    takes in ("Spokesperson Lena Ortiz"); a name that is all office words stays as it is."""
    names = [w for w in re.sub(r"[’']s$", "", text.strip()).split() if w.lower().rstrip(".") not in honorifics()]
    first_name = next((i for i, w in enumerate(names) if w.lower() not in titles()), len(names))
    return " ".join(names[first_name:] if first_name < len(names) else names)


def _strip(span: Span) -> str:
    tokens = list(span)
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct):
        tokens = tokens[1:]
    return "".join(t.text_with_ws for t in tokens).strip()


def _is_plural(span: Span) -> bool:
    return any(t.dep_ == "conj" for t in span) or span.root.tag_ in ("NNS", "NNPS")


def _kind(span: Span, words: dict) -> SourceKind:
    text = " " + span.text.lower() + " "
    head = span.root
    labels = {e.label_ for e in span.ents}
    tokens = {t.lower_ for t in span}
    if any(f" {w} " in text for w in words["media_words"] if " " in w) or (tokens & set(words["media_words"])
                                                                          and "reportedly" not in tokens):
        if head.lower_ in ("reports", "report", "sources", "source") and "news" not in tokens and not (
            labels & {"ORG"}
        ):
            return "anonymous"
        return "media"
    if tokens & set(words["anonymous_words"]):
        return "anonymous"
    if "PERSON" in labels:
        return "person"
    if labels & {"GPE"} and head.ent_type_ == "GPE":
        return "government"
    if tokens & set(words["government_words"]):
        return "government"
    if head.lower_ in words["group_words"] or (head.tag_ == "NNS" and head.pos_ == "NOUN"):
        return "group"
    if head.lower_ in words["organization_words"]:
        return "organization"
    if labels & {"ORG", "NORP", "GPE"} or head.pos_ == "PROPN":
        return "organization"
    return "person"
