"""The ``geokg`` command as a user runs it: the one on the PATH (the project's ``.venv/bin`` once
``scripts/test`` activated it), not a guess beside the interpreter, which is wrong under
``pip --user`` or a system install."""

from __future__ import annotations

import shutil


def geokg() -> str:
    found = shutil.which("geokg")
    if found is None:
        raise RuntimeError("geokg is not on the PATH: run the tests through scripts/test "
                           "(or activate .venv first)")
    return found
