"""The one orchestration that the CLI, the API and batch jobs call: Documents -> Ledger.

`build_nlp` loads the configured spaCy model and adds claimgraph's components by registered name, in the
order of `COMPONENTS`; `extract` runs them over documents and turns each finished Doc into claims, then
links claims within each document. `ingest` is two halves that may run on different machines: `analyse`
(extraction and the claims' embeddings, the costly part, which worker processes or a Dask cluster share)
and `store_all` (linking with what is stored and storing, one article after another in input order).
"""

from __future__ import annotations

import importlib.util
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache, partial
from typing import TYPE_CHECKING, Protocol, TypeVar

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

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "COMPONENTS",
    "Analysed",
    "Ingested",
    "ModelNotFound",
    "analyse",
    "batches",
    "build_nlp",
    "extract",
    "extract_one",
    "fresh",
    "in_order",
    "ingest",
    "model_name",
    "store_all",
]

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
        yield from _parallel(partial(_extract_batch, settings=settings), documents, settings)
    else:
        yield from _extract_serial(documents, settings)


@dataclass
class Analysed:
    """One document's ledger with the embeddings of its claims, made where the analysis ran (a worker
    process, a Dask worker) so that the one process that links them need not compute them."""

    ledger: Ledger
    vectors: np.ndarray | None  # `link.linker.claim_vectors(ledger)`; None when it is not to be linked


def analyse(
    documents: Iterable[Document], settings: Settings | None = None, embed: bool = True
) -> Iterator[Analysed | InputError]:
    """`extract`, each ledger with its claims' embeddings when `embed` (as `Linker.link` needs them)."""
    settings = settings or Settings()
    if settings.processes > 1:
        yield from _parallel(partial(_analyse_batch, settings=settings, embed=embed), documents, settings)
    else:
        yield from _with_vectors(_extract_serial(documents, settings), embed)


def _with_vectors(parts: Iterable[Ledger | InputError], embed: bool) -> Iterator[Analysed | InputError]:
    from .link.linker import claim_vectors

    for part in parts:
        yield part if isinstance(part, InputError) else Analysed(part, claim_vectors(part) if embed else None)


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive runs of `size` documents, read as they are needed: a corpus is never held whole."""
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class _Pending(Protocol[T_co]):
    """A future of concurrent.futures or of Dask: both hand their value over through `result()`."""

    def result(self) -> list[T_co]: ...


def in_order(submit: Callable[[list[Document]], _Pending[T]], parts: Iterable[list[Document]],
             window: int) -> Iterator[T]:
    """The results of `submit` over `parts`, in input order, with at most `window` parts in flight: enough
    to keep every worker busy, few enough that memory stays flat however long the input."""
    pending: deque[_Pending[T]] = deque()
    for part in parts:
        pending.append(submit(part))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _extract_batch(batch: list[Document], settings: Settings) -> list[Ledger | InputError]:
    return list(_extract_serial(batch, settings))


def _analyse_batch(batch: list[Document], settings: Settings, embed: bool) -> list[Analysed | InputError]:
    return list(_with_vectors(_extract_serial(batch, settings), embed))


def _parallel(work: Callable[[list[Document]], list[T]], documents: Iterable[Document], settings: Settings
              ) -> Iterator[T]:
    build_nlp(settings)  # loaded once here; forked workers inherit it
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=settings.processes, mp_context=context) as pool:
        yield from in_order(partial(pool.submit, work), batches(documents, settings.batch_size),
                            settings.processes * 2)


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
    yield from store_all(analyse(fresh(documents, store), settings, embed=link), store, link)


def fresh(documents: Iterable[Document], store: Store) -> Iterator[Document]:
    """The documents not stored yet (by content), checked as each is read: a run started again after a
    kill analyses only what the killed one had not stored."""
    return (d for d in documents if not store.has_document(d.content_hash))


def store_all(
    parts: Iterable[Analysed | InputError], store: Store, link: bool = True
) -> Iterator[Ingested | InputError]:
    """Link each analysed document with what is stored and store it, in the order given, each article with
    its links in one transaction. Linking reads what the articles before stored, so the order given is the
    order that decides the links: the input's order, whatever analysed the documents."""
    from .link.linker import Linker

    linker = Linker(store) if link else None
    for part in parts:
        if isinstance(part, InputError):
            store.record_rejection(part.path, part.code, part.reason)
            yield part
            continue
        ledger = part.ledger
        # a copy of an article earlier in the same batch passed `fresh` before that one was stored
        if store.has_document(ledger.documents[0].content_hash):
            yield Ingested(ledger, new=False)
            continue
        linking = linker.link(ledger, within=ledger.relations, vectors=part.vectors) if linker else None
        added = store.add_article(ledger, linking)
        if added is None:
            yield Ingested(ledger, new=False)
            continue
        cross = len(linking.relations) if linking else 0
        yield Ingested(ledger, new=True, claims_added=added, cross_relations=cross)


def extract_one(document: Document, settings: Settings | None = None) -> Ledger:
    """The ledger of one document; raises InputError when it cannot be analysed."""
    result = next(extract([document], settings))
    if isinstance(result, InputError):
        raise result
    return result
