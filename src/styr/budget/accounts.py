"""Reading account strings as people and ERPs write them, and finding them in the chart."""

import re

from styr.organisation.models import CostCentre

from .models import Art, Dranst, Function

FUNCTION_DOTTED = re.compile(r"^(\d)\.(\d{2})\.(\d{2})$")
FUNCTION_PLAIN = re.compile(r"^\d{4,6}$")
ART_DOTTED = re.compile(r"^(\d)\.(\d)$")
ART_PLAIN = re.compile(r"^\d{2}$")


def normalise_function_code(text: str) -> str:
    """"3.22.01", or the statistics form "32201" / "032201" (no dots, leading zero dropped)."""
    text = text.strip()
    if FUNCTION_DOTTED.match(text):
        return text
    if FUNCTION_PLAIN.match(text):
        # Statistics Denmark drops the dots and the leading zero of hovedkonto 0 (2201 = 0.22.01).
        if len(text) == 6 and text[0] != "0":
            raise ValueError(f"«{text}» er ikke en funktion; forventet fx 3.22.01 eller 32201")
        digits = text.zfill(5)[-5:]
        return f"{digits[0]}.{digits[1:3]}.{digits[3:5]}"
    raise ValueError(f"«{text}» er ikke en funktion; forventet fx 3.22.01 eller 32201")


def normalise_art_code(text: str) -> str:
    """"4.0" or "40"."""
    text = text.strip()
    if ART_DOTTED.match(text):
        return text
    if ART_PLAIN.match(text):
        return f"{text[0]}.{text[1]}"
    raise ValueError(f"«{text}» er ikke en art; forventet fx 4.0 eller 40")


def parse_dranst(text: str) -> int:
    text = text.strip()
    if text.isdigit() and int(text) in Dranst.values:
        return int(text)
    raise ValueError(f"«{text}» er ikke en dranst; forventet et tal fra 1 til 9")


class Chart:
    """The chart of one year and the cost centres, loaded once for a whole file."""

    def __init__(self, year: int):
        self.year = year
        self.functions = {code: pk for pk, code in Function.objects.filter(year=year).values_list("pk", "code")}
        self.arts = {code: pk for pk, code in Art.objects.filter(year=year).values_list("pk", "code")}
        self.cost_centres = dict(CostCentre.objects.values_list("code", "pk"))

    def function_id(self, text: str) -> int:
        code = normalise_function_code(text)
        try:
            return self.functions[code]
        except KeyError:
            raise ValueError(f"funktion {code} findes ikke i kontoplanen for {self.year}") from None

    def art_id(self, text: str) -> int:
        code = normalise_art_code(text)
        try:
            return self.arts[code]
        except KeyError:
            raise ValueError(f"art {code} findes ikke i kontoplanen for {self.year}") from None

    def cost_centre_id(self, text: str) -> int:
        try:
            return self.cost_centres[text.strip()]
        except KeyError:
            raise ValueError(f"omkostningssted «{text.strip()}» findes ikke") from None
