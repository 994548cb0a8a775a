"""Custom attributes that claimgraph's spaCy components read and write.

Registered once, on import. A component declares what it writes (`assigns=`) and writes nothing else;
extract/ reads the finished Doc.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["register_extensions"]


def register_extensions() -> None:
    # Set by the pipeline before the components run: the document date that relative times resolve against.
    Doc.set_extension("published", default=None, force=True)
    # Set by the times component on each span of doc.spans["times"]: the TIMEX3 value, or None.
    Span.set_extension("timex", default=None, force=True)
    # Set by the quantities component on each span of doc.spans["quantities"]: a model.Quantity.
    Span.set_extension("quantity", default=None, force=True)
    # Set by the turns component on each span of doc.spans["turns"]: the annotate.turns.Turn it is the speech of.
    Span.set_extension("turn", default=None, force=True)
    # Written by the attribution component, refined by stance and certainty: list[annotate.frames.Frame].
    Doc.set_extension("frames", default=None, force=True)


register_extensions()
