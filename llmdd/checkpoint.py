"""Save and load a tiny GPT as a versioned checkpoint file.

A checkpoint is a plain dictionary that `torch.load(..., weights_only=True)` reads without
running any code from the file:

    format      "llmdd-checkpoint"
    version     1
    config      the GPTConfig fields
    tokenizer   "bytes+eot" (see text.py)
    state_dict  the weights, stored as float16 to halve the file; loaded back as float32
    meta        how it was made: steps, tokens seen, losses, seed, command

>>> model = load(COURSE_MODEL)          # the model the course trained on Python's docs
"""

import dataclasses
from pathlib import Path

import torch

from .gpt import GPTConfig, TinyGPT

FORMAT = "llmdd-checkpoint"
VERSION = 1
TOKENIZER = "bytes+eot"
COURSE_MODEL = Path(__file__).parent / "checkpoints" / "pydoc-tiny.pt"


def save(model: TinyGPT, path: Path, meta: dict) -> None:
    """Write `model` to `path` atomically (a crash mid-write never leaves half a checkpoint)."""
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "config": dataclasses.asdict(model.config),
        "tokenizer": TOKENIZER,
        "state_dict": {
            name: tensor.detach().to(torch.float16) for name, tensor in model.state_dict().items()
        },
        "meta": meta,
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    torch.save(payload, partial)
    partial.replace(path)


def read(path: Path) -> dict:
    """The checkpoint's dictionary, checked for format and version."""
    payload = torch.load(path, map_location="cpu", weights_only=True)
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ValueError(f"{path} is not an {FORMAT} file")
    if payload.get("version") != VERSION:
        raise ValueError(f"{path} has checkpoint version {payload.get('version')}; this code reads {VERSION}")
    return payload


def load(path: Path = COURSE_MODEL) -> TinyGPT:
    """The model saved at `path` (default: the course's own), in float32 and eval mode."""
    payload = read(path)
    model = TinyGPT(GPTConfig(**payload["config"]))
    model.load_state_dict({name: tensor.float() for name, tensor in payload["state_dict"].items()})
    return model.eval()
