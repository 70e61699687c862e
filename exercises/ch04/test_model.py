"""Task 4.4 — the transformer block and a tiny GPT."""

import pytest
import torch

from grader.checks import assert_close
from grader.loader import implementation

model = implementation("ch04.model")
task = pytest.mark.task("4.4")


CONFIG = dict(vocab_size=20, context_length=8, d_model=12, n_heads=3, n_layers=2)


def tiny_gpt():
    torch.manual_seed(0)
    return model.TinyGPT(model.GPTConfig(**CONFIG))


@task
def test_block_is_pre_norm():
    """x + attention(norm1(x)), then that plus mlp(norm2(that)): the shape stays (B, T, C)."""
    torch.manual_seed(0)
    block = model.Block(model.GPTConfig(**CONFIG))
    x = torch.randn(2, 5, 12)
    middle = x + block.attention(block.norm1(x))
    expected = middle + block.mlp(block.norm2(middle))
    got = block(x)
    assert tuple(got.shape) == (2, 5, 12)
    assert_close(got, expected)


@task
def test_logits_have_shape_batch_time_vocab():
    """ids (B, T) -> logits (B, T, vocab_size)."""
    ids = torch.randint(0, 20, (2, 7))
    assert tuple(tiny_gpt()(ids).shape) == (2, 7, 20)


@task
def test_forward_is_embeddings_blocks_norm_head():
    """token + position embeddings, every block in order, the final norm, the head."""
    gpt, ids = tiny_gpt(), torch.tensor([[3, 1, 4, 1, 5]])
    x = gpt.token_embedding(ids) + gpt.position_embedding(torch.arange(5))
    for block in gpt.blocks:
        x = block(x)
    assert_close(gpt(ids), gpt.head(gpt.norm(x)))


@task
def test_sequences_longer_than_the_context_raise_value_error():
    """T = context_length works; T = context_length + 1 raises ValueError."""
    gpt = tiny_gpt()
    gpt(torch.zeros(1, 8, dtype=torch.long))
    with pytest.raises(ValueError):
        gpt(torch.zeros(1, 9, dtype=torch.long))


@task
def test_the_last_token_does_not_change_earlier_logits():
    """Changing the last token leaves the logits of every earlier position unchanged."""
    gpt = tiny_gpt()
    ids = torch.tensor([[3, 1, 4, 1, 5]])
    changed = torch.tensor([[3, 1, 4, 1, 9]])
    assert_close(gpt(changed)[:, :-1], gpt(ids)[:, :-1])


@task
def test_positions_matter():
    """The same token at positions 0 and 1 gets different logits (the position embedding)."""
    logits = tiny_gpt()(torch.tensor([[7, 7]]))
    assert not torch.allclose(logits[0, 0], logits[0, 1]), "two positions got the same logits"
