"""The one orchestration that the CLI, the API and batch jobs call: Documents -> Ledger.

`build_nlp` loads the configured spaCy model and adds claimgraph's components by registered name, in the
order of `COMPONENTS`; `extract` runs them over documents and turns each finished Doc into claims, then
links claims within each document.
"""

from __future__ import annotations

import importlib.util
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache, partial

import spacy
from spacy.language import Language

from . import annotate  # noqa: F401  (registers the components' factories)
from .errors import ClaimgraphError, InputError
from .extract.claims import claims_from_doc
from .ingest.decode import TOO_LARGE
from .link.within import link_within_document
from .model import Document, Ledger
from .settings import DEFAULT_MODELS, Settings
from .store import Store

__all__ = ["COMPONENTS", "Ingested", "ModelNotFound", "build_nlp", "extract", "extract_one", "ingest", "model_name"]

# Added after the model's own parser and NER, in this order; each one reads what the ones before wrote.
COMPONENTS = (
    "claimgraph_captions",
    "claimgraph_nonclaims",
    "claimgraph_quotes",
    "claimgraph_attribution",
    "claimgraph_learned_attribution",  # left out when settings.attribution_model is off
    "claimgraph_stance",
    "claimgraph_certainty",
    "claimgraph_times",
    "claimgraph_quantities",
)


class ModelNotFound(ClaimgraphError):
    code = "E300"


def model_name(settings: Settings | None = None) -> str:
    """The spaCy model to load: the configured one, else the first of DEFAULT_MODELS installed."""
    settings = settings or Settings()
    if settings.model:
        return settings.model
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(f"none of the spaCy models {', '.join(DEFAULT_MODELS)} is installed; run `make demo`")


@cache
def _load(model: str, learned: bool, learned_frames: bool) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelNotFound(f"cannot load spaCy model {model!r}: {error}") from error
    nlp.add_pipe("claimgraph_paragraphs", first=True)
    nlp.add_pipe("claimgraph_turns", after="claimgraph_paragraphs")
    nlp.add_pipe("claimgraph_sentence_cap", after="claimgraph_turns")
    for name in COMPONENTS:
        if name != "claimgraph_learned_attribution":
            nlp.add_pipe(name)
        elif learned:
            nlp.add_pipe(name, config={"add_frames": learned_frames, "continue_quotes": learned_frames})
    return nlp


def build_nlp(settings: Settings | None = None) -> Language:
    """The full pipeline (cached per model name and tagger settings: loading takes about a second)."""
    settings = settings or Settings()
    return _load(model_name(settings), settings.attribution_model, settings.attribution_frames)


def assign_id(document: Document) -> Document:
    if not document.id:
        document.id = document.stable_id
    return document


ANALYSIS_FAILED = "E110"


def extract(documents: Iterable[Document], settings: Settings | None = None) -> Iterator[Ledger | InputError]:
    """One Ledger per document (claims and within-document relations), in input order.

    A document that a component fails on comes back as an InputError naming it (code E110), one longer
    than `settings.max_text_chars` as one with code E103 without being analysed, and the batch goes on.
    With `settings.processes > 1`, batches of documents go to worker processes that each run the whole
    pipeline and send back finished Ledgers (plain dataclasses pickle; spaCy's own n_process would have
    to serialize every custom annotation through msgpack).
    """
    settings = settings or Settings()
    if settings.processes > 1:
        yield from _extract_parallel(documents, settings)
    else:
        yield from _extract_serial(documents, settings)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extract_batch(batch: list[Document], settings: Settings) -> list[Ledger | InputError]:
    return list(_extract_serial(batch, settings))


def _extract_parallel(documents: Iterable[Document], settings: Settings) -> Iterator[Ledger | InputError]:
    build_nlp(settings)  # loaded once here; forked workers inherit it
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=settings.processes, mp_context=context) as pool:
        batches = _batches(documents, settings.batch_size)
        work = partial(_extract_batch, settings=settings)
        # a bounded window of batches in flight keeps memory flat on large corpora
        window: deque = deque()
        for batch in batches:
            window.append(pool.submit(work, batch))
            if len(window) >= settings.processes * 2:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


def _extract_serial(documents: Iterable[Document], settings: Settings) -> Iterator[Ledger | InputError]:
    nlp = build_nlp(settings)
    pending: deque[Document] = deque()
    reasons: dict[str, str] = {}
    refused: dict[str, InputError] = {}  # texts over the length limit, never given to spaCy
    limit = min(settings.max_text_chars, nlp.max_length)

    def record(name: str, _component: object, docs: list, error: Exception) -> None:
        for doc in docs:
            reasons[doc.text] = f"{name}: {type(error).__name__}: {error}"

    # our components have no error handler of their own, so spaCy calls this one for them
    nlp.default_error_handler = record

    def with_context() -> Iterator[tuple[object, Document]]:
        for document in documents:
            assign_id(document)
            pending.append(document)
            if len(document.text) > limit:
                reason = f"text too long ({len(document.text):,} characters, limit {limit:,})"
                refused[document.text] = InputError(document.path or document.name, reason, TOO_LARGE)
                continue
            spacy_doc = nlp.make_doc(document.text)
            spacy_doc._.published = document.published
            yield spacy_doc, document

    def failed(document: Document) -> InputError:
        if document.text in refused:
            return refused.pop(document.text)
        reason = reasons.pop(document.text, "analysis failed")
        return InputError(document.path or document.name, f"could not be analysed ({reason})", ANALYSIS_FAILED)

    for spacy_doc, document in nlp.pipe(with_context(), as_tuples=True, batch_size=settings.batch_size):
        while pending and pending[0] is not document:
            yield failed(pending.popleft())
        if pending:
            pending.popleft()
        try:
            claims = claims_from_doc(spacy_doc, document)
        except Exception as error:  # one bad article must not stop a batch of thousands
            reasons[document.text] = f"extract: {type(error).__name__}: {error}"
            yield failed(document)
            continue
        yield Ledger(documents=[document], claims=claims, relations=link_within_document(claims))
    while pending:
        yield failed(pending.popleft())


@dataclass
class Ingested:
    """One document's way through `ingest`: its ledger, and whether it was new to the store."""

    ledger: Ledger
    new: bool
    claims_added: int = 0
    cross_relations: int = 0


def ingest(
    documents: Iterable[Document], store: Store, settings: Settings | None = None, link: bool = True
) -> Iterator[Ingested | InputError]:
    """Extract, link and store documents one by one; an article already stored changes nothing.

    Each article is stored together with its links, in one transaction (`Store.add_article`): a run
    killed at any moment leaves whole articles only, and running it again gives what one run would have.
    """
    from .link.linker import Linker

    linker = Linker(store) if link else None
    fresh = (d for d in documents if not store.has_document(d.content_hash))
    for part in extract(fresh, settings):
        if isinstance(part, InputError):
            store.record_rejection(part.path, part.code, part.reason)
            yield part
            continue
        # a copy of an article earlier in the same batch passed the filter above before that one was stored
        if store.has_document(part.documents[0].content_hash):
            yield Ingested(part, new=False)
            continue
        linking = linker.link(part, within=part.relations) if linker else None
        added = store.add_article(part, linking)
        if added is None:
            yield Ingested(part, new=False)
            continue
        cross = len(linking.relations) if linking else 0
        yield Ingested(part, new=True, claims_added=added, cross_relations=cross)


def extract_one(document: Document, settings: Settings | None = None) -> Ledger:
    """The ledger of one document; raises InputError when it cannot be analysed."""
    result = next(extract([document], settings))
    if isinstance(result, InputError):
        raise result
    return result
