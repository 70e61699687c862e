"""Chapter 7's hidden tests run torch on one thread.

The grader already starts its test processes with OMP_NUM_THREADS=1; this makes a direct
`pytest grader/suites/ch07` behave the same. The tensors here are tiny: on a machine shared with
other jobs, torch's thread pool would only turn each small operation into a wait for a
descheduled worker.
"""

import pytest
import torch


@pytest.fixture(scope="session", autouse=True)
def one_torch_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
