"""The persistent ledger: documents, claims, relations and rejected inputs in SQLite or PostgreSQL."""

from claimgraph.store.store import AddResult, Store

__all__ = ["AddResult", "Store"]
