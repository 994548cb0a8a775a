"""claimgraph: a ledger of who claims what in the news."""

__version__ = "0.1.0"
