"""The one error a broken instrument file raises."""

from collections.abc import Sequence
from pathlib import Path


class InstrumentError(Exception):
    """An instrument file that cannot be loaded, with every problem found in plain words.

    The message always starts with the file, so a failing system check or deploy points
    straight at what to fix.
    """

    def __init__(self, path: Path | str, problems: Sequence[str]) -> None:
        self.path = Path(path)
        self.problems = tuple(problems)
        super().__init__(self._message())

    def _message(self) -> str:
        if len(self.problems) == 1:
            return f"{self.path}: {self.problems[0]}"
        listed = "\n".join(f"  - {problem}" for problem in self.problems)
        return f"{self.path}: {len(self.problems)} problems:\n{listed}"
