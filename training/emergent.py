"""Train the headline-stance layer of `claimgraph eval emergent` on Emergent's train split.

    python training/emergent.py [--data ../shared/data/stance] [--folds 5] [--out FILE]

A multinomial logistic regression (numpy, full-batch gradient descent, L2) over the ledger features of
`claimgraph.evaluation.emergent.features`. The L2 strength is chosen by cross-validation on train, with
folds by claim (as the paper's split: no claim in both sides), and the final model is fitted on the whole
train split. The test split is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimgraph.evaluation.emergent import LABELS, WEIGHTS, Pair, features, ledgers_of, read_split
from claimgraph.model import Ledger

OUT = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "learn" / "weights" / WEIGHTS
STRENGTHS = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03)
STEPS = 3000


def fit(x: np.ndarray, y: np.ndarray, strength: float) -> tuple[np.ndarray, np.ndarray]:
    """Weights (labels x features) and biases minimising mean cross-entropy + strength/2 * |weights|^2.
    The loss is convex and the features lie in 0..1, so plain gradient descent with a fixed step converges."""
    weights, bias = np.zeros((len(LABELS), x.shape[1])), np.zeros(len(LABELS))
    onehot = np.eye(len(LABELS))[y]
    step = 1.0
    for _ in range(STEPS):
        probs = _softmax(x @ weights.T + bias)
        error = (probs - onehot) / len(y)
        weights -= step * (error.T @ x + strength * weights)
        bias -= step * error.sum(axis=0)
    return weights, bias


def _softmax(scores: np.ndarray) -> np.ndarray:
    exps = np.exp(scores - scores.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1, keepdims=True)


def predict(x: np.ndarray, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    return np.argmax(x @ weights.T + bias, axis=1)


def claim_folds(pairs: list[Pair], folds: int) -> np.ndarray:
    """A fold number per pair; all pairs of one claim share a fold (claims dealt round-robin in file order)."""
    claims = list(dict.fromkeys(pair.claim_id for pair in pairs))
    fold_of = {claim: i % folds for i, claim in enumerate(claims)}
    return np.array([fold_of[pair.claim_id] for pair in pairs])


def matrix(pairs: list[Pair], ledgers: dict[str, Ledger]) -> tuple[list[str], np.ndarray, np.ndarray]:
    rows = [features(ledgers[pair.claim], ledgers[pair.headline]) for pair in pairs]
    names = list(rows[0])
    x = np.array([[row[name] for name in names] for row in rows])
    y = np.array([LABELS.index(pair.label) for pair in pairs])
    return names, x, y


def cross_validate(x: np.ndarray, y: np.ndarray, fold: np.ndarray, strength: float) -> float:
    """Accuracy (0-100) over all pairs, each predicted by the model fitted without its claim's fold."""
    correct = 0
    for k in np.unique(fold):
        held = fold == k
        weights, bias = fit(x[~held], y[~held], strength)
        correct += int((predict(x[held], weights, bias) == y[held]).sum())
    return 100 * correct / len(y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/stance"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    pairs = read_split("train", args.data)
    ledgers = ledgers_of(text for pair in pairs for text in (pair.claim, pair.headline))
    names, x, y = matrix(pairs, ledgers)
    fold = claim_folds(pairs, args.folds)
    scores = {strength: cross_validate(x, y, fold, strength) for strength in STRENGTHS}
    for strength, accuracy in scores.items():
        print(f"L2 {strength:g}: cross-validated accuracy {accuracy:.2f}")
    best = max(scores, key=lambda s: (scores[s], s))  # ties go to the stronger regularisation
    weights, bias = fit(x, y, best)
    model = {
        "_doc": "Headline stance on Emergent: multinomial logistic regression over "
                "claimgraph.evaluation.emergent.features, trained by training/emergent.py on the train split.",
        "labels": list(LABELS),
        "features": names,
        "weights": np.round(weights, 4).tolist(),
        "bias": np.round(bias, 4).tolist(),
        "l2": best,
        "cv_accuracy": round(scores[best], 2),
        "cv_folds": args.folds,
        "train_pairs": len(pairs),
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"chose L2 {best:g} (cross-validated accuracy {scores[best]:.2f}); wrote {args.out}")


if __name__ == "__main__":
    main()
