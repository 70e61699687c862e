"""Task 5.4: each parameter's gradient is clipped to max_norm on its own, not all of them by the global norm.

Every tensor ends up with norm at most max_norm, but the update changes direction: tensors with
small gradients keep them while large ones shrink, and the sum over all of them can still be
far above max_norm.
"""
# ruff: noqa: F821


def clip_grad_norm(parameters, max_norm):
    gradients = [p.grad for p in parameters if p.grad is not None]
    norms = [g.norm().item() for g in gradients]
    for gradient, norm in zip(gradients, norms):
        if norm > max_norm:
            gradient.mul_(max_norm / (norm + CLIP_EPS))
    return sum(n * n for n in norms) ** 0.5
