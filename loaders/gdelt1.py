"""GDELT 1.0's daily events (``YYYYMMDD.export.CSV``, 1979 to today): the 2.0 export's columns
without the three ``*Geo_ADM2Code``, DATEADDED a day (``YYYYMMDD``) rather than a time, and
SOURCEURL only in files dated from 2013-04-01 on (58 columns; 57 before, the historical
backfile's). The layout is chosen by the date in the file's name, else by the width of its first
row; a row of another width is rejected by line. Rows become the same records as 2.0 rows
(``loaders.gdelt.event_records``), with ids ``gdelt1:GLOBALEVENTID``: GDELT numbers the 1.0 and
2.0 series apart, so one id never names two events.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from itertools import chain
from pathlib import Path

from loaders.emit import Emitter
from loaders.files import data_name
from loaders.gdelt import EVENT_COLUMNS, event_records
from loaders.headed import RowError, read_rows
from loaders.progress import ReadProgress
from loaders.records import LocatedRecord
from loaders.report import RecordError
from loaders.tabular import rows

#: The daily files' 58 columns (with SOURCEURL) and the backfile's 57.
COLUMNS = [c for c in EVENT_COLUMNS if not c.endswith("_ADM2Code")]
BACKFILE_COLUMNS = COLUMNS[:-1]
#: The first day whose file carries SOURCEURL.
SOURCEURL_FROM = date(2013, 4, 1)
_NAME = re.compile(r"^(\d{8})\.export\.csv$", re.IGNORECASE)


def file_day(path: Path) -> date | None:
    """The day in a GDELT 1.0 daily file's name (``20130401.export.CSV``, zipped or not)."""
    found = _NAME.match(data_name(path))
    if found is None:
        return None
    try:
        return datetime.strptime(found.group(1), "%Y%m%d").date()
    except ValueError:
        return None


def _records(row: dict[str, str], emitter: Emitter, line: int) -> Iterator[LocatedRecord]:
    try:
        added = datetime.strptime(row["DATEADDED"], "%Y%m%d").replace(tzinfo=UTC)
    except ValueError:
        raise RowError("DATEADDED", f"{row['DATEADDED']!r} is not a date YYYYMMDD") from None
    full = {column: row.get(column, "") for column in EVENT_COLUMNS}
    return event_records(full, emitter, line, recorded=added, series="gdelt1")


def _record_id(row: dict[str, str]) -> str | None:
    return f"gdelt1:{row['GLOBALEVENTID']}" if row["GLOBALEVENTID"].isdigit() else None


def read(path: Path, progress: ReadProgress | None = None) -> Iterator[LocatedRecord | RecordError]:
    """The records of a GDELT 1.0 events file, streamed row by row."""
    found = rows(path, "\t", quoted=False, progress=progress)
    first = next(found, None)
    day = file_day(path)
    if day is not None:
        columns = COLUMNS if day >= SOURCEURL_FROM else BACKFILE_COLUMNS
    else:
        width = len(first[1]) if isinstance(first, tuple) else len(COLUMNS)
        columns = BACKFILE_COLUMNS if width == len(BACKFILE_COLUMNS) else COLUMNS
    yield from read_rows(path, chain([] if first is None else [first], found), _records, required=(),
                         columns=columns, record_id=_record_id)
