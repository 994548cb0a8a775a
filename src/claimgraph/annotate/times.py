"""spaCy component "claimgraph_times": time expressions in `doc.spans["times"]`, each with `span._.timex`.

Candidates come from two places. The NER model's DATE and TIME entities cover explicit dates well but
the small model misses much of what news relies on ("last week", "on Friday", "yesterday"), so a
Matcher adds those from the word lists in data/times.json. Spans are then cleaned to TimeML extents:

* grown leftwards over modifiers that change the value ("week" -> "last week"), never over
  prepositions ("on", "in"), which TimeML leaves outside and which do not change the value;
* trimmed of words NER drags in that are not part of a time ("about", trailing "earlier");
* year ranges "2009-2010" split in two, as TIMEX3 marks each year.

Each span is resolved with `resolve_timex(span.text, doc._.published)`; spans that resolve to nothing
are dropped unless `keep_unresolved` is set: an unresolvable "DATE" from the small model is usually an
age or a bare number ("65", "ages 6 months"), and ages are refused by the resolver outright. The span
label is the TIMEX3 type implied by the value: DATE, TIME or DURATION.
"""

from __future__ import annotations

import json
import re
from importlib import resources

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import filter_spans

import claimgraph.annotate.extensions  # noqa: F401  (registers Doc._.published and Span._.timex)
from claimgraph.resolve.times import resolve_timex

__all__ = ["TimesComponent", "timex_type"]

_WORDS: dict[str, list[str]] = json.loads(
    resources.files("claimgraph.annotate").joinpath("data/times.json").read_text(encoding="utf-8")
)
_YEAR_RANGE = re.compile(r"^\d{4}\s*[-–—]\s*\d{4}$")


def timex_type(value: str) -> str:
    """TIMEX3 type of a value: "P3Y" is a DURATION, "2019-08-03T10:39" a TIME, the rest DATEs."""
    if value.startswith("P") and not value.endswith("_REF"):
        return "DURATION"
    return "TIME" if "T" in value and not value.endswith("_REF") else "DATE"


@Language.factory(
    "claimgraph_times",
    assigns=["doc.spans"],
    default_config={"spans_key": "times", "keep_unresolved": False},
)
def make_times_component(nlp: Language, name: str, spans_key: str, keep_unresolved: bool) -> TimesComponent:
    return TimesComponent(nlp, spans_key=spans_key, keep_unresolved=keep_unresolved)


class TimesComponent:
    """Finds, cleans and resolves time expressions; see the module docstring for the rules."""

    def __init__(self, nlp: Language, spans_key: str = "times", keep_unresolved: bool = False) -> None:
        self.spans_key = spans_key
        self.keep_unresolved = keep_unresolved
        self.matcher = Matcher(nlp.vocab)
        self._add_patterns()

    def _add_patterns(self) -> None:
        w = _WORDS
        rel, units, parts = {"IN": w["relative"]}, {"IN": w["units"]}, {"IN": w["day_parts"]}
        weekday = {"LOWER": {"IN": w["weekdays"]}}
        self.matcher.add("DAY_WORD", [[{"LOWER": {"IN": w["day_words"]}}, {"LOWER": parts, "OP": "?"}]])
        self.matcher.add("REF", [[{"LOWER": {"IN": w["references"]}}]])
        self.matcher.add("RELATIVE", [
            [{"LOWER": {"IN": w["edge"]}, "OP": "?"}, {"LOWER": rel}, {"LOWER": units}],
            [{"LOWER": "this"}, {"LOWER": "past"}, {"LOWER": units}],
            [{"LOWER": {"IN": ["last", "this"]}}, {"LOWER": parts}],
            [{"LOWER": "the"}, {"LOWER": "weekend"}],
        ])
        self.matcher.add("WEEKDAY", [
            [{"LOWER": rel, "OP": "?"}, weekday, {"LOWER": parts, "OP": "?"}],
        ])
        number = {"LIKE_NUM": True}
        self.matcher.add("AGO", [
            [{"LOWER": {"IN": ["a", "an", "few", "several"]}}, {"LEMMA": units}, {"LOWER": "ago"}],
            [number, {"LEMMA": units}, {"LOWER": "ago"}],
        ])
        self.matcher.add("CLOCK", [
            [{"TEXT": {"REGEX": r"^\d{1,2}(:\d{2})?$"}}, {"LOWER": {"IN": w["meridiem"]}}],
            [{"TEXT": {"REGEX": r"^\d{1,2}(:\d{2})?([ap]\.?m\.?)$"}}],
        ])

    def __call__(self, doc: Doc) -> Doc:
        found = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
        found += [Span(doc, s, e) for _, s, e in self.matcher(doc)]
        spans: list[Span] = []
        for span in filter_spans([self._clean(s) for s in found if len(s)]):
            for part in self._split(span):
                value = resolve_timex(part.text, doc._.published)
                if value is None and not self.keep_unresolved:
                    continue
                labelled = Span(doc, part.start, part.end, label=timex_type(value) if value else "DATE")
                labelled._.timex = value
                spans.append(labelled)
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=spans)
        return doc

    def _clean(self, span: Span) -> Span:
        """TimeML extent: grow over value-changing modifiers, drop hangers-on at either edge."""
        doc, start, end = span.doc, span.start, span.end
        while start > 0 and doc[start - 1].lower_ in _WORDS["modifiers"] and not doc[start - 1].is_sent_end:
            start -= 1
        while end - start > 1 and doc[start].lower_ in _WORDS["trim_start"]:
            start += 1
        while end - start > 1 and (doc[start].is_space or doc[start].is_punct):
            start += 1
        while end - start > 1 and (doc[end - 1].lower_ in _WORDS["trim_end"] or not doc[end - 1].text.strip()
                                   or doc[end - 1].is_punct):
            end -= 1
        if (end < len(doc) and doc[end].lower_ in ("old", "-old")) or "-year-old" in span.text.lower():
            return span[0:0]  # an age: the resolver refuses it too, but the extent should not win a merge
        return doc[start:end]

    def _split(self, span: Span) -> list[Span]:
        """ "2009-2010" is two TIMEX3s; everything else stays whole."""
        if len(span) == 3 and _YEAR_RANGE.match(span.text):
            return [span[0:1], span[2:3]]
        return [span]

