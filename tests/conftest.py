"""Shared fixtures: every test runs with its own data directory, never a person's real one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from symptom_decoder.settings import get_settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    data = tmp_path / "sd-data"
    monkeypatch.setenv("SD_DATA_DIR", str(data))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SD_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield data
    get_settings.cache_clear()
