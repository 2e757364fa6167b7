"""One typed view of the ``SD_*`` environment variables, built once and passed in."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from symptom_decoder.errors import SettingsError

__all__ = ["Settings", "SettingsError", "get_settings"]


def _default_data_dir() -> Path:
    return Path(user_data_dir("symptom-decoder", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SD_", extra="ignore", frozen=True)

    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("SD_DATABASE_URL", "DATABASE_URL")
    )
    pack: str = "pregnancy-leg-cramps"
    food_db: Path | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    secret_key: str | None = None
    workers: int | None = Field(default=None, ge=1, le=64)
    trusted_proxies: str | None = None
    """Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers
    are believed (comma-separated); from anyone else they are ignored."""
    paper: Literal["a4", "letter"] = "a4"
    maternity_phone: str | None = None
    """The maternity unit's triage line, for the call button of urgent results."""
    emergency_number: str | None = None
    """The one emergency number to offer; the pack's list (999, 911, 112) when unset."""

    @field_validator("maternity_phone", "emergency_number")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = " ".join(value.split())
        digits = re.sub(r"\D", "", value)
        if not re.fullmatch(r"\+?[0-9 ()\-]+", value) or not 2 <= len(digits) <= 15:
            raise ValueError("must be a phone number: digits, spaces, +, - and brackets only")
        return value

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def effective_database_url(self) -> str:
        """SQLite under the data directory unless DATABASE_URL names another database."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'symptom-decoder.sqlite3'}"

    @property
    def food_db_path(self) -> Path:
        return self.food_db or self.data_dir / "foods.sqlite3"


_VARIABLE = {
    "data_dir": "SD_DATA_DIR",
    "database_url": "DATABASE_URL",
    "pack": "SD_PACK",
    "food_db": "SD_FOOD_DB",
    "host": "SD_HOST",
    "port": "SD_PORT",
    "secret_key": "SD_SECRET_KEY",
    "workers": "SD_WORKERS",
    "trusted_proxies": "SD_TRUSTED_PROXIES",
    "paper": "SD_PAPER",
    "maternity_phone": "SD_MATERNITY_PHONE",
    "emergency_number": "SD_EMERGENCY_NUMBER",
}


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Read the environment once; a wrong value raises SettingsError naming the variable."""
    try:
        return Settings()
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "?"
            name = _VARIABLE.get(field, f"SD_{field.upper()}")
            lines.append(f"{name}: {err['msg']} (got {err.get('input')!r}); fix or unset it")
        raise SettingsError("\n".join(lines)) from None
