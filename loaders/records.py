"""A record as the loaders pass it on: the model record (``graph.model.StoredRecord``, any kind the
writer stores) with the file and line it was read from, so every error can name where it is."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import StoredRecord


@dataclass(frozen=True)
class LocatedRecord:
    record: StoredRecord
    file: str
    line: int
    #: A record a data-set row gives for its event (an actor, place, source), yielded just before
    #: it: the pipeline drops it with an event a filter leaves out, and passes it on only once.
    prerequisite: bool = False


#: The kind of node each record kind defines: what a reference to an actor, place or source finds.
DEFINES = {"actor": "actor", "dataset_actor": "actor", "place": "place", "dataset_place": "place",
           "source": "source"}
