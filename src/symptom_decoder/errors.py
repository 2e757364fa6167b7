"""Errors shared across layers, in a module light enough for the command's start-up."""


class SettingsError(Exception):
    """A setting from the environment is wrong; the message names the variable and the fix."""
