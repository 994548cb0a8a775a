"""spaCy pipeline components, one concern per module, registered by name on import."""

from . import (  # noqa: F401
    attribution,
    captions,
    certainty,
    extensions,
    learned_attribution,
    nonclaims,
    paragraphs,
    quantities,
    quotes,
    sentence_cap,
    stance,
    times,
    turns,
)
