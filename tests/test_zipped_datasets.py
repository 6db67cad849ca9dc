"""Every data-set format loads zipped as it does plain (the README: "zipped or not"): the same
records, the same rejections by line and field, and a reload of the plain file finds all unchanged."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from neo4j import Driver

from graph.settings import Settings
from loaders.formats import guess_format
from tests.conftest import SEED, load_paths
from tests.test_datasets import ACLED, POLECAT, stream

ANALYST = Path(__file__).resolve().parent.parent / "examples" / "analyst_events.csv"


def zipped(path: Path, folder: Path) -> Path:
    """``path`` as a one-member zip in ``folder``, with what it needs beside it (a mapping)."""
    archive = folder / f"{path.name}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(path, path.name)
    mapping = path.with_suffix(".toml")
    if mapping.exists():
        shutil.copy(mapping, folder / mapping.name)
    return archive


@pytest.mark.parametrize("plain", [ACLED, POLECAT, ANALYST], ids=lambda p: p.name)
def test_a_zipped_file_loads_as_the_plain_one(empty_graph: Driver, settings: Settings, tmp_path: Path,
                                             plain: Path):
    load_paths(empty_graph, settings, SEED)
    archive = zipped(plain, tmp_path)
    assert guess_format(archive) == guess_format(plain)
    from_zip = stream(empty_graph, settings, archive)
    assert from_zip.total("created") > 0
    again = stream(empty_graph, settings, plain)
    assert again.total("created") == again.total("updated") == 0
    assert again.total("unchanged") == sum(from_zip.total(outcome) for outcome in ("created", "updated",
                                                                                 "unchanged"))
    assert [(e.line, e.field) for e in from_zip.errors] == [(e.line, e.field) for e in again.errors]
