"""Bad input, as every tool of the edition reports it: the file, the line, what is wrong, what to do."""

from __future__ import annotations


class SourceError(Exception):
    """Bad input: says which file and line, what is wrong and what to do."""

    def __init__(self, path: str, line: int | None, problem: str, hint: str) -> None:
        self.path, self.line, self.problem, self.hint = path, line, problem, hint
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}\n  -> {hint}")


class Stopped(SystemExit):
    """The build stops with its message alone. Sphinx answers an exception, its own errors included,
    with a crash report and a traceback, and asks for a bug report; it lets SystemExit through, which
    prints the message and exits. The message names the file, what is wrong and what to do."""
