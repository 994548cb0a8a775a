"""The Emergent harness: the CSV reader, the ledger features, the scorer, the CLI on a tiny split."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.evaluation.emergent import (
    LABELS,
    accuracy_figures,
    as_sentence,
    classify,
    evaluate,
    features,
    ledgers_of,
    load_weights,
    read_split,
)
from claimgraph.model import Claim, Document, Ledger, Predicate, Source

EMERGENT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "stance"
CLAIM = "The city council approved a ban on fireworks"
ROWS = [  # headlines written for this test, one per label
    (CLAIM, "City council approves fireworks ban", "for"),
    (CLAIM, "No, the city council did not ban fireworks", "against"),
    (CLAIM, "City council reportedly set to ban fireworks", "observing"),
]


def write_split(folder: Path, split: str = "test") -> Path:
    with (folder / f"emergent_clean-{split}.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"])
        for i, (claim, headline, label) in enumerate(ROWS):
            writer.writerow([i, claim, headline, label, f"a{i}", "c1"])
    return folder


def ledger(text: str, *claims: Claim) -> Ledger:
    return Ledger(documents=[Document(name="t", text=text)], claims=list(claims))


def claim(source: Source, **fields) -> Claim:
    return Claim(document="t", evidence="", content="", source=source, **fields)


def test_read_split_keeps_file_order_and_limit(tmp_path):
    pairs = read_split("test", write_split(tmp_path))
    assert [(p.headline, p.label, p.claim_id) for p in pairs] == [(h, label, "c1") for _, h, label in ROWS]
    assert len(read_split("test", tmp_path, limit=2)) == 2


def test_a_headline_is_closed_as_a_sentence_once():
    assert as_sentence("Council bans fireworks ") == "Council bans fireworks."
    assert as_sentence("Did the council ban fireworks?") == "Did the council ban fireworks?"
    assert as_sentence("Council bans fireworks.") == "Council bans fireworks."


def test_accuracy_figures_by_hand():
    gold = ["for", "for", "against", "observing"]
    predicted = ["for", "observing", "against", "for"]
    figures = accuracy_figures(gold, predicted)
    assert figures["accuracy"] == 50.0
    assert figures["per_label"]["for"] == {"p": 50.0, "r": 50.0, "f1": 50.0, "gold": 2}
    assert figures["per_label"]["against"]["f1"] == 100.0
    assert figures["per_label"]["observing"]["f1"] == 0.0
    assert figures["confusion"]["for"] == {"for": 1, "against": 0, "observing": 1}
    assert figures["majority_baseline"] == {"label": "for", "accuracy": 50.0}


def test_features_read_source_stance_certainty_and_negation():
    the_claim = ledger(CLAIM, claim(Source.author(), predicates=[Predicate("approve")]))
    reported = ledger("Council reportedly bans fireworks",
                      claim(Source("reports", "reportedly", "anonymous"), certainty="possible"))
    denied = ledger("Council denies fireworks ban is coming",
                    claim(Source("Council", "Council", "government"), stance="denies",
                          predicates=[Predicate("come", negated=True)]))
    asserted = ledger("Council bans fireworks", claim(Source.author()))
    values = features(the_claim, reported)
    assert values["reports"] == values["possible"] == 1.0
    assert values["author asserts"] == 0.0
    values = features(the_claim, denied)
    assert values["denies"] == values["named source"] == values["negated, claim not"] == 1.0
    values = features(the_claim, asserted)
    assert values["author asserts"] == 1.0 and values["reports"] == values["denies"] == 0.0
    assert 0.0 < values["shared claim words"] < 1.0  # "council", "fireworks" of the claim's content words
    assert features(the_claim, ledger("Fireworks ban? Not so fast"))["negation word, claim none"] == 1.0
    assert features(the_claim, ledger("Is a fireworks ban coming?"))["question"] == 1.0
    assert features(the_claim, ledger("Council may ban fireworks"))["hedge word"] == 1.0  # in cues.json


def test_shipped_weights_fit_the_features():
    model = load_weights()
    assert tuple(model["labels"]) == LABELS
    assert model["features"] == list(features(ledger(CLAIM), ledger("")))
    assert all(len(row) == len(model["features"]) for row in model["weights"])


def test_pipeline_ledgers_give_the_three_labels(ledger_of):
    ledgers = ledgers_of(text for row in ROWS for text in row[:2])
    predicted = [classify(features(ledgers[c], ledgers[h])) for c, h, _ in ROWS]
    assert predicted == [label for *_, label in ROWS]


def test_cli_writes_json(ledger_of, tmp_path):
    from typer.testing import CliRunner

    from claimgraph.cli import app

    out = tmp_path / "figures.json"
    result = CliRunner().invoke(app, ["eval", "emergent", "--split", "test", "--data", str(write_split(tmp_path)),
                                      "--json", str(out)])
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text())
    assert figures["pairs"] == 3 and figures["split"] == "test"
    assert "accuracy" in result.output


def test_cli_names_a_missing_split(tmp_path):
    from typer.testing import CliRunner

    from claimgraph.cli import app

    result = CliRunner().invoke(app, ["eval", "emergent", "--split", "train", "--data", str(tmp_path)])
    assert isinstance(result.exception, ClaimgraphError)
    assert "emergent_clean-train.csv" in str(result.exception)


@pytest.mark.skipif(not (EMERGENT / "emergent_clean-test.csv").is_file(), reason="../shared/data/stance is absent")
def test_test_split_beats_the_majority_label(ledger_of):
    figures = evaluate("test", EMERGENT)
    assert figures["pairs"] == 524
    assert figures["accuracy"] > figures["majority_baseline"]["accuracy"] + 20
