"""Learned models and what training and inference share: how a text becomes model input and how the
model's output becomes spans. Nothing here imports spaCy, so the training script runs on machines that
have only numpy, tokenizers and torch."""
