"""Task 5.4: the gradients are never reset, so every step adds its gradient to all the earlier ones.

PyTorch accumulates into `.grad` on purpose (for gradient accumulation); forgetting
`optimizer.zero_grad()` makes step n follow the sum of n batches' gradients. The first step is
right, so a single-step check passes.
"""
# ruff: noqa: F821


def train_step(model, optimizer, inputs, targets, max_grad_norm=1.0):
    model.train()
    loss = next_token_loss(model(inputs), targets)
    loss.backward()
    clip_grad_norm(model.parameters(), max_grad_norm)
    optimizer.step()
    return loss.item()
