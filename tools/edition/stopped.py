"""How the build stops on bad data: with the message alone.

Sphinx answers an exception, its own errors included, with a crash report and a traceback, and
asks for a bug report; it lets SystemExit through, which prints the message and exits. The
message names the file, what is wrong and what to do (tools/core/errors.SourceError).
"""

from __future__ import annotations


class Stopped(SystemExit):
    """The build stops: a data file the build reads is missing or wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
