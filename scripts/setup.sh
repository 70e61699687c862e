#!/usr/bin/env bash
# One-command set-up: a CPU build of PyTorch, then the course with its tools.
#
# PyTorch's default wheel on Linux bundles CUDA (several GB). The course runs on
# the CPU, so we install a CPU build first; the project itself only asks for
# torch>=2.2, so users who already have PyTorch (any build) keep theirs.
#   1. torch already importable      -> keep it
#   2. a CPU wheel in a local wheelhouse (pip's find-links) -> take it, offline
#   3. otherwise                     -> PyTorch's CPU index
set -euo pipefail
PY=${PYTHON:-python3}
EXTRAS=${EXTRAS:-dev}

if "$PY" -c "import torch" 2>/dev/null; then
    echo "PyTorch $("$PY" -c 'import torch; print(torch.__version__)') already installed"
elif "$PY" -m pip install --quiet --no-index --no-deps "torch>=2.2" 2>/dev/null; then
    echo "PyTorch installed from the local wheelhouse"
else
    "$PY" -m pip install --quiet "torch>=2.2" --index-url https://download.pytorch.org/whl/cpu
fi
"$PY" -m pip install --quiet -e ".[${EXTRAS}]"
echo "Set-up done. Try: pytest exercises/ch03"
