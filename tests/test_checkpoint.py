"""The course's own checkpoint loads safely, has learned from context, and the format is guarded."""

import pytest
import torch

from llmdd import checkpoint, text
from llmdd.gpt import GPTConfig, TinyGPT
from llmdd.pretrain import evaluate


def test_the_course_model_beats_the_unigram_baseline_on_held_out_text():
    """The committed model's validation loss is what its metadata claims, far below the unigram loss."""
    model = checkpoint.load()
    meta = checkpoint.read(checkpoint.COURSE_MODEL)["meta"]
    validation = text.token_stream("validation")
    loss = evaluate(model, validation, model.config.context_length)
    assert loss == pytest.approx(meta["validation_loss"], abs=0.01)
    assert loss < text.unigram_loss(text.token_stream("train"), validation) - 1.0


def test_save_then_load_gives_the_same_model(tmp_path):
    """A saved model comes back with the same config and (float16-rounded) weights."""
    torch.manual_seed(0)
    model = TinyGPT(GPTConfig(vocab_size=11, context_length=8, d_model=16, n_heads=2, n_layers=1))
    checkpoint.save(model, tmp_path / "m.pt", {"note": "test"})
    loaded = checkpoint.load(tmp_path / "m.pt")
    assert loaded.config == model.config
    for name, tensor in model.state_dict().items():
        assert torch.equal(loaded.state_dict()[name], tensor.half().float()), name
    assert not list(tmp_path.glob("*.partial"))


def test_foreign_and_newer_files_are_refused(tmp_path):
    """A file that is not a course checkpoint, or of a newer version, gives a clear error."""
    torch.save({"weights": torch.zeros(1)}, tmp_path / "other.pt")
    with pytest.raises(ValueError, match="is not an llmdd-checkpoint file"):
        checkpoint.load(tmp_path / "other.pt")
    payload = checkpoint.read(checkpoint.COURSE_MODEL) | {"version": checkpoint.VERSION + 1}
    torch.save(payload, tmp_path / "newer.pt")
    with pytest.raises(ValueError, match="checkpoint version"):
        checkpoint.load(tmp_path / "newer.pt")
