"""The diary's exceptions: each carries the field (or row and column) in the person's terms.

They are the product's errors (``symptom_decoder.errors``), so each knows its HTTP meaning.
"""

from __future__ import annotations

from symptom_decoder.errors import DecoderError, FieldError, InvalidInput, NotFound

DiaryError = DecoderError
"""Anything the diary refuses; catch it to show the person one plain line."""

__all__ = ["DiaryError", "FieldError", "InvalidInput", "NotFound"]
