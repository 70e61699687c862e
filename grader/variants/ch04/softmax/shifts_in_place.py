"""Task 4.1: the maximum is subtracted in place, so the caller's scores are changed.

`scores -= scores.amax(...)` saves one tensor and returns the right probabilities, but the
caller's tensor now holds shifted scores, and autograd refuses the in-place change of a tensor
that requires a gradient.
"""


def stable_softmax(scores, dim=-1):
    scores -= scores.amax(dim=dim, keepdim=True)
    exponentials = scores.exp()
    return exponentials / exponentials.sum(dim=dim, keepdim=True)
