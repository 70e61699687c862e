"""The course's autograder and the machinery its tests share.

`loader` decides which implementation a test sees; `feedback` is the pytest plugin behind
`pytest exercises/chNN`; `stubs` makes exercises from solutions; `engine` grades submissions
with the hidden suites in `suites/`; `cli` is the `grader` command.
"""

__version__ = "0.1.0"
