"""Parquet shards: a batch's extractions as one Parquet file, and back.

A row per document (or failed input): `document_id`, `path`, `failure` (the problem, or null),
`raw` (the input's bytes) and `record` (the extraction as JSON, every field by its record
name). Records are rebuilt from their type hints, so a field or stage added to the records
travels through shards without a change here.
"""

from __future__ import annotations

import dataclasses
import io
import json
import types
import typing
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.records import Extraction, InputFailure

SCHEMA = pa.schema([
    ("document_id", pa.string()),
    ("path", pa.string()),
    ("failure", pa.string()),
    ("raw", pa.binary()),
    ("record", pa.string()),
])


def write(results: list[Extraction | InputFailure]) -> bytes:
    """One Parquet file (as bytes) holding `results` in order."""
    columns: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for item in results:
        if isinstance(item, InputFailure):
            row = (None, item.path, item.problem, item.raw, None)
        else:
            document = dataclasses.replace(item.document, raw=b"")
            record = json.dumps(dataclasses.asdict(dataclasses.replace(item, document=document)),
                                ensure_ascii=False, default=_no_bytes)
            row = (item.document.id, item.document.path, None, item.document.raw, record)
        for name, value in zip(SCHEMA.names, row, strict=True):
            columns[name].append(value)
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pydict(columns, schema=SCHEMA), sink, compression="zstd")
    return sink.getvalue()


def read(data: bytes) -> list[Extraction | InputFailure]:
    """The results a shard holds, in their order."""
    table = pq.read_table(io.BytesIO(data))
    results: list[Extraction | InputFailure] = []
    for row in table.to_pylist():
        if row["failure"] is not None:
            results.append(InputFailure(row["path"], row["failure"], raw=row["raw"]))
            continue
        extraction = _build(Extraction, json.loads(row["record"]))
        document = dataclasses.replace(extraction.document, raw=row["raw"])
        results.append(dataclasses.replace(extraction, document=document))
    return results


def _no_bytes(value: Any) -> None:
    """JSON for the raw bytes, which travel in their own column."""
    if isinstance(value, bytes):
        return None
    raise TypeError(f"{type(value).__name__} cannot go into a shard")


def _build(cls: type, data: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    return cls(**{
        f.name: _value(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls) if f.name in data
    })


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _value(inner, value)
    args = typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return tuple(_value(args[0], item) for item in value)
    if origin is tuple:
        return tuple(_value(arg, item) for arg, item in zip(args, value, strict=True))
    if origin is list:
        return [_value(args[0], item) for item in value]
    if dataclasses.is_dataclass(hint):
        return _build(hint, value)  # type: ignore[arg-type]
    return value
