import os
import pathlib

import pytest

ROOT = pathlib.Path(os.environ.get("HERD_SOURCE_ROOT", pathlib.Path(__file__).parents[2]))
CLI = os.environ.get("HERD_CLI", str(ROOT / "build" / "tools" / "herd"))


@pytest.fixture
def root():
    return ROOT


@pytest.fixture
def cli():
    if not os.access(CLI, os.X_OK):
        pytest.skip(f"no herd program at {CLI}")
    return CLI
