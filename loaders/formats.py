"""The registry of input formats: each a reader ``read(path, progress) -> Iterator[LocatedRecord |
RecordError]``, and how a file's format is guessed from its name and first line when ``--format``
is not given."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from loaders import acled, gdelt, gdelt1, icews, polecat, spreadsheet
from loaders.native import iter_native
from loaders.progress import ReadProgress
from loaders.records import LocatedRecord
from loaders.report import RecordError
from loaders.tabular import first_line, head

#: A file's records; the reader tells ``progress`` (if any) how far it has read the file.
Reader = Callable[[Path, ReadProgress | None], Iterator[LocatedRecord | RecordError]]

FORMATS: dict[str, Reader] = {
    "native": iter_native,
    "gdelt": gdelt.read,
    "gdelt1": gdelt1.read,
    "acled": acled.read,
    "polecat": polecat.read,
    "icews": icews.read,
    "csv": spreadsheet.read,
}


_GDELT1_WIDTHS = (len(gdelt1.COLUMNS), len(gdelt1.BACKFILE_COLUMNS))


def guess_format(path: Path) -> str:
    """The format of a file from its name, then its first line; ValueError when it cannot tell."""
    name = path.name.lower().removesuffix(".zip")
    if name.endswith(".json") and acled.is_api_json(head(path)):
        return "acled"
    if name.endswith((".jsonl", ".json")):
        return "native"
    header = first_line(path)
    if name.endswith(".export.csv") and header.count("\t") + 1 in _GDELT1_WIDTHS:
        return "gdelt1"
    if name.endswith((".export.csv", ".mentions.csv")):
        return "gdelt"
    if "event_id_cnty" in header:
        return "acled"
    if icews.is_icews(header):
        return "icews"
    if header.startswith("Event ID\t") and "\tEvent Type\t" in header:
        return "polecat"
    if header.count("\t") + 1 in (len(gdelt.EVENT_COLUMNS), len(gdelt.MENTION_COLUMNS)):
        return "gdelt"
    if header.count("\t") + 1 in _GDELT1_WIDTHS:
        return "gdelt1"
    if name.endswith(".csv") and spreadsheet.mapping_path(path).exists():
        return "csv"
    raise ValueError(f"{path}: cannot tell its format; give --format {'|'.join(FORMATS)}")


def reader_for(path: Path, fmt: str | None) -> Reader:
    return FORMATS[fmt or guess_format(path)]


def read_all(paths: list[Path], fmt: str | None, progress: ReadProgress | None = None
             ) -> Iterator[LocatedRecord | RecordError]:
    """The records of every file in order; a file whose format is unknown is one located error.
    ``progress`` is told how far each file has been read."""
    for path in paths:
        try:
            reader = reader_for(path, fmt)
        except ValueError as error:
            yield RecordError(file=str(path), line=0, field="(format)", reason=str(error))
            continue
        yield from reader(path, progress)
