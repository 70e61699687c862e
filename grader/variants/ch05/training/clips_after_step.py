"""Task 5.4: the gradient is clipped after `optimizer.step()`, when the update has already been made.

The call is there and the norm gets logged, so it looks right; it just has no effect on the
update. Only a batch that needs clipping shows the difference.
"""
# ruff: noqa: F821


def train_step(model, optimizer, inputs, targets, max_grad_norm=1.0):
    model.train()
    optimizer.zero_grad(set_to_none=True)
    loss = next_token_loss(model(inputs), targets)
    loss.backward()
    optimizer.step()
    clip_grad_norm(model.parameters(), max_grad_norm)
    return loss.item()
