"""The course's given code: what a chapter builds on without asking the learner to write it.

    gpt.py          the tiny GPT of chapter 4 (config, model), fast and ready to train
    text.py         the pretraining corpus (Python's own documentation) as byte tokens
    checkpoint.py   save and load a versioned model checkpoint
    pretrain.py     train the tiny GPT with your chapter 5 code: python -m llmdd.pretrain
    checkpoints/    the model the course trained itself, for chapters 5 to 8

Learners read this package but do not edit it; the hidden suites use it as fixed ground.
"""
