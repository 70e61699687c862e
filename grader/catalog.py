"""The course map: chapters and their tasks, in one place for the stubs, the tables and the grader.

A task's points are what its hidden tests are worth together; a course test checks that the
hidden suite's `points` markers add up to these numbers.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Task:
    id: str  # "3.2": chapter 3, task 2
    title: str
    points: int
    bonus: bool = False  # advanced: its points come on top of the chapter's maximum

    @property
    def keyword(self) -> str:
        """The marker/keyword that selects this task's tests: `pytest -k task3_2`."""
        return "task" + self.id.replace(".", "_")


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    builds: str  # what the exercise builds, for the README's map
    tasks: tuple[Task, ...] = field(default=())

    @property
    def slug(self) -> str:
        return f"ch{self.number:02d}"

    @property
    def points(self) -> int:
        """Full marks: every task but the bonus ones."""
        return sum(task.points for task in self.tasks if not task.bonus)


CHAPTERS = (
    Chapter(1, "Introduction", "a map of the pipeline from raw text to a chat assistant"),
    Chapter(2, "Data", "a web-text cleaning pipeline: HTML to text, filters, deduplication"),
    Chapter(
        3,
        "Tokenization",
        "a byte-level BPE tokenizer that reproduces cl100k_base token for token",
        (
            Task("3.1", "count adjacent pairs and merge a pair", 10),
            Task("3.2", "train BPE merges fast", 20),
            Task("3.3", "encode ordinary text by merge rank", 20),
            Task("3.4", "special tokens", 10),
            Task("3.5", "decode", 10),
            Task("3.6", "save and load a versioned tokenizer file", 10),
            Task("3.7", "build a tokenizer from tiktoken merge ranks", 20),
        ),
    ),
    Chapter(
        4,
        "Architecture",
        "causal self-attention, the transformer block and a tiny GPT",
        (
            Task("4.1", "a numerically stable softmax", 10),
            Task("4.2", "causal scaled dot-product attention", 35),
            Task("4.3", "multi-head causal self-attention", 25),
            Task("4.4", "the transformer block and a tiny GPT", 30),
            Task("4.5", "memory-efficient blockwise attention (bonus)", 20, bonus=True),
        ),
    ),
    Chapter(
        5,
        "Pretraining",
        "next-token training on real text and the sampling loop",
        (
            Task("5.1", "random training windows with shifted targets", 15),
            Task("5.2", "the next-token cross-entropy loss", 15),
            Task("5.3", "learning-rate warm-up and cosine decay", 15),
            Task("5.4", "one training step with global-norm clipping", 20),
            Task("5.5", "the sampling loop: temperature, top-k, top-p", 35),
        ),
    ),
    Chapter(
        6,
        "Supervised fine-tuning",
        "chat templates, loss masks and packing",
        (
            Task("6.1", "render a conversation with a chat template", 20),
            Task("6.2", "labels and the assistant-only loss mask", 30),
            Task("6.3", "pack examples without leaking across them", 30),
            Task("6.4", "the SFT loss over supervised tokens", 20),
        ),
    ),
    Chapter(
        7,
        "Reinforcement learning",
        "verifiable rewards, group advantages, policy gradient",
        (
            Task("7.1", "a reward for verifiable math answers", 35),
            Task("7.2", "a format reward, combinable with a weight", 15),
            Task("7.3", "group-relative advantages", 20),
            Task("7.4", "the policy-gradient loss (and its clipped variant)", 30),
        ),
    ),
    Chapter(
        8,
        "Deployment",
        "a KV cache and int8/int4 weight quantization",
        (
            Task("8.1", "a KV cache and the incremental forward pass", 30),
            Task("8.2", "generation with the cache", 15),
            Task("8.3", "symmetric int8 quantization per output channel", 15),
            Task("8.4", "asymmetric (zero-point) uint8 quantization", 10),
            Task("8.5", "group-wise int4 with two values per byte", 15),
            Task("8.6", "a quantized linear layer", 15),
        ),
    ),
    Chapter(9, "Limitations", "probes of hallucination, counting and arithmetic failures"),
    Chapter(10, "Practical use", "prompting, tool use and evaluation harnesses"),
)


def chapter(slug: str) -> Chapter:
    """The chapter named `slug` ("ch03")."""
    for candidate in CHAPTERS:
        if candidate.slug == slug:
            return candidate
    raise KeyError(f"no chapter {slug!r}; chapters are ch01..ch{len(CHAPTERS):02d}")


def task(task_id: str) -> Task:
    """The task with id `task_id` ("3.2")."""
    number = int(task_id.split(".")[0])
    for candidate in CHAPTERS[number - 1].tasks:
        if candidate.id == task_id:
            return candidate
    raise KeyError(f"no task {task_id!r}")
