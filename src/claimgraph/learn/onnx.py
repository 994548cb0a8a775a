"""onnxruntime sessions as claimgraph runs its models: on the CPU, one thread each by default, because the
pipeline parallelizes over processes, not inside one model call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["cpu_session"]


def cpu_session(path: Path | str, threads: int = 1) -> Any:  # -> onnxruntime.InferenceSession
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
