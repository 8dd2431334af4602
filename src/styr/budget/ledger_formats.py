"""Mapping profiles for the ERP systems' posting exports.

A profile says what the ERP calls the columns, and, for systems that write the whole account
string in one column, how that string is laid out. ``PROFILES`` holds them by name; ``styr
import-ledger --profile NAME`` and the upload page choose one. A new ERP is one more entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Canonical column names (normalised as styr.core.tabular.normalise_column_name does).
ACCOUNT_PARTS = ("funktion", "dranst", "art", "omkostningssted")
REQUIRED_COLUMNS = ("dato", *ACCOUNT_PARTS, "beloeb")
OPTIONAL_COLUMNS = ("tekst", "bilagsnr", "gruppering", "projekt")
ACCOUNT_COLUMN = "kontostreng"

# Names that every profile accepts besides the canonical ones.
COMMON_ALIASES = {
    "beløb": "beloeb", "belob": "beloeb", "beloeb_kr": "beloeb",
    "bilag": "bilagsnr", "bilagsnummer": "bilagsnr", "bilagsnr.": "bilagsnr",
    "omk.sted": "omkostningssted", "omk_sted": "omkostningssted", "ansvarssted": "omkostningssted",
    "posteringsdato": "dato", "bogføringsdato": "dato",
    "posteringstekst": "tekst",
}


@dataclass(frozen=True)
class AccountLayout:
    """How one combined column holds funktion, dranst, art and omkostningssted.

    Either ``separator`` (the parts in ``order``, e.g. "3.22.01-1-4.0-100110"), or ``widths``: the
    parts at fixed positions, (name, width) in order, width 0 meaning "the rest" (e.g. "32201140100110"
    with funktion 5, dranst 1, art 2, omkostningssted the rest).
    """

    separator: str | None = None
    order: tuple[str, ...] = ACCOUNT_PARTS
    widths: tuple[tuple[str, int], ...] = ()
    example: str = ""

    def split(self, text: str) -> dict[str, str] | None:
        """The parts of ``text``, or None if it does not have the layout."""
        if self.separator is not None:
            parts = text.split(self.separator)
            if len(parts) != len(self.order) or not all(parts):
                return None
            return dict(zip(self.order, parts, strict=True))
        parts_by_name, position = {}, 0
        for name, width in self.widths:
            end = len(text) if width == 0 else position + width
            if end > len(text) or end == position:
                return None
            parts_by_name[name] = text[position:end]
            position = end
        return parts_by_name if position == len(text) else None


@dataclass(frozen=True)
class LedgerProfile:
    """What one ERP calls the columns; ``aliases`` maps its header names to the canonical ones."""

    name: str
    label: str
    aliases: Mapping[str, str] = field(default_factory=dict)
    account_layout: AccountLayout | None = None  # set: one "kontostreng" column instead of four

    @property
    def required(self) -> tuple[str, ...]:
        if self.account_layout is not None:
            return ("dato", ACCOUNT_COLUMN, "beloeb")
        return REQUIRED_COLUMNS

    @property
    def all_aliases(self) -> dict[str, str]:
        wanted = {*self.required, *OPTIONAL_COLUMNS}
        merged = {alias: name for alias, name in COMMON_ALIASES.items() if name in wanted}
        merged.update(self.aliases)
        return merged


PROFILES: dict[str, LedgerProfile] = {
    profile.name: profile
    for profile in [
        LedgerProfile("standard", "Styrs standardformat (dato, funktion, dranst, art, omkostningssted, beloeb …)"),
        LedgerProfile(
            "prisme", "Fujitsu Prisme: Dato, Funktion, DRANST, Art, Omk.sted, Beløb, Tekst, Bilag",
            aliases={"omk.sted": "omkostningssted", "beløb": "beloeb", "bilag": "bilagsnr",
                     "grp": "gruppering", "projektnr": "projekt"},
        ),
        LedgerProfile(
            "kontostreng", "Én kolonne «kontostreng» som 3.22.01-1-4.0-100110 (funktion-dranst-art-omk.sted)",
            aliases={"konto": ACCOUNT_COLUMN, "kontonummer": ACCOUNT_COLUMN},
            account_layout=AccountLayout(separator="-", example="3.22.01-1-4.0-100110"),
        ),
        LedgerProfile(
            "fast-bredde", "Én kolonne «kontostreng» i fast bredde: funktion (5), dranst (1), art (2), omk.sted",
            aliases={"konto": ACCOUNT_COLUMN, "kontonummer": ACCOUNT_COLUMN},
            account_layout=AccountLayout(
                widths=(("funktion", 5), ("dranst", 1), ("art", 2), ("omkostningssted", 0)),
                example="32201140100110",
            ),
        ),
    ]
}
DEFAULT_PROFILE = "standard"


def get_profile(name: str | None) -> LedgerProfile:
    """The profile called ``name`` (the standard one for None); ValueError in Danish if unknown."""
    try:
        return PROFILES[name or DEFAULT_PROFILE]
    except KeyError:
        known = ", ".join(PROFILES)
        raise ValueError(f"ukendt profil «{name}»; kendte profiler: {known}") from None
