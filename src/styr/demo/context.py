"""What the parts of the demo generator share while they build Eksempel Kommune."""

import random
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    description: str


@dataclass
class DemoContext:
    seed: int
    scale: int
    year: int
    out: Callable[[str], None] = print
    logins: list[DemoLogin] = field(default_factory=list)
    # What one part leaves for the next (e.g. the budget holders the budget part gives budgets).
    shared: dict = field(default_factory=dict)

    def rng(self, part: str) -> random.Random:
        """A random source per part, so adding a part never changes what the others make."""
        return random.Random(f"{self.seed}:{part}")  # noqa: S311 (demo data, not security)
