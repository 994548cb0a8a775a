"""Evaluation harnesses that score claimgraph's attributions against published corpora."""
