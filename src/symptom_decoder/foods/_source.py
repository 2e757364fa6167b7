"""Read the files of a USDA release from a folder or a zip, by file name, case-insensitively."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


class SourceError(Exception):
    """The path is not a USDA release this product can read; the message says why."""


class Source:
    """The files of a release: a folder (searched recursively) or a zip archive."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._names: dict[str, str] = {}
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file():
                    self._names.setdefault(child.name.lower(), str(child.relative_to(path)))
        elif path.is_file() and zipfile.is_zipfile(path):
            self._zip = zipfile.ZipFile(path)
            for info in self._zip.infolist():
                if not info.is_dir():
                    self._names.setdefault(Path(info.filename).name.lower(), info.filename)
        elif path.exists():
            raise SourceError(f"{path} is neither a folder nor a zip file")
        else:
            raise SourceError(f"{path} does not exist")

    def has(self, name: str) -> bool:
        return name.lower() in self._names

    def size(self, name: str) -> int:
        member = self._names[name.lower()]
        if self._zip is not None:
            return self._zip.getinfo(member).file_size
        return (self.path / member).stat().st_size

    @contextmanager
    def open_binary(self, name: str) -> Iterator[IO[bytes]]:
        member = self._names[name.lower()]
        if self._zip is not None:
            with self._zip.open(member) as handle:
                yield handle
        else:
            with (self.path / member).open("rb") as handle:
                yield handle

    @contextmanager
    def open_text(self, name: str, encoding: str = "utf-8-sig") -> Iterator[IO[str]]:
        with self.open_binary(name) as raw:
            yield io.TextIOWrapper(raw, encoding=encoding, newline="")

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
