from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import RedirectResponse

from api.deps import HappeningReaderDep
from graph.read.happenings import HappeningView

router = APIRouter(prefix="/happenings", tags=["happenings"])


@router.get("/{happening_id}", response_model=HappeningView,
            responses={308: {"description": "A superseded id: Location names the happening that "
                             "took its records"},
                       404: {"description": "No such happening"}})
def get_happening(
    happening_id: Annotated[str, Path(examples=["hap_b789b177f1b26388"])],
    reader: HappeningReaderDep,
) -> HappeningView | RedirectResponse:
    """One real-world event and the records that report it: its time span, status, type,
    participants and places, corroboration (records, sources, publishers, data sets), where its
    records disagree, and each record with the rule and score that put it there. An id a later
    record superseded (when it joined or merged happenings) answers 308 to the current one."""
    found = reader.happening(happening_id)
    if found.id != happening_id:
        return RedirectResponse(f"/happenings/{found.id}", status_code=308)
    return found
