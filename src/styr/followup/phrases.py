"""The sentences of the follow-up reports, written from the numbers.

Every amount goes through the same rounding as the tables (fmt_mio on the exact figure), so the
text never says something the table contradicts. Deviations are underspends (KB − expected): the
sign a reader sees follows the municipality's convention (rules.shown_deviation).
"""

from decimal import Decimal

from styr.documents.numbers import fmt_as_of, fmt_mio

from .rules import PoolUse, shown_deviation

ZERO = Decimal(0)


def _mio(value: Decimal) -> str:
    return fmt_mio(value)


def _end(sentence: str) -> str:
    """A full stop, unless the sentence already ends with the abbreviation's ("… mio. kr.")."""
    return sentence if sentence.endswith(".") else sentence + "."


def is_balance(underspend: Decimal) -> bool:
    """Balance is what rounds to 0,0 mio. kr.: a reader cannot tell a smaller deviation from none."""
    return _mio(abs(underspend)) == _mio(ZERO)


def kind_of(underspend: Decimal) -> str:
    if is_balance(underspend):
        return "balance"
    return "mindreforbrug" if underspend > 0 else "merforbrug"


def deviation_phrase(underspend: Decimal) -> str:
    """"et merforbrug på -1,0 mio. kr.", "et mindreforbrug på 19,1 mio. kr." or "balance"."""
    if is_balance(underspend):
        return "balance"
    return f"et {kind_of(underspend)} på {_mio(shown_deviation(underspend))}"


def _previous(underspend: Decimal, previous: Decimal | None, *, lead: str = "ved seneste opfølgning") -> str:
    if previous is None:
        return ""
    if _mio(previous) == _mio(underspend) or (is_balance(previous) and is_balance(underspend)):
        return " (uændret i forhold til seneste opfølgning)"
    if is_balance(previous):
        return f" ({lead} forventedes balance)"
    return f" ({lead} et forventet {kind_of(previous)} på {_mio(shown_deviation(previous))})"


def area_sentence(name: str, underspend: Decimal, previous: Decimal | None) -> str:
    """"Borgerservice forventer et merforbrug på -0,4 mio. kr. (ved seneste opfølgning …)."."""
    if is_balance(underspend):
        return _end(f"{name} forventer balance mellem budget og forventet regnskab{_previous(underspend, previous)}")
    return _end(f"{name} forventer {deviation_phrase(underspend)}{_previous(underspend, previous)}")


def expected_sentence(underspend: Decimal, previous: Decimal | None, *, where: str = "") -> str:
    """"Der forventes et merforbrug på -8,7 mio. kr. i 2022 på området (…)."."""
    where = f" {where}" if where else ""
    if is_balance(underspend):
        return _end(f"Der forventes balance{where}{_previous(underspend, previous)}")
    return _end(f"Der forventes {deviation_phrase(underspend)}{where}{_previous(underspend, previous)}")


def carried_overspend_sentence(name: str, carried_in: Decimal, recovered: Decimal, year: int) -> str:
    """"Borgerservice har fået overført et merforbrug på -0,6 mio. kr. fra 2021 og forventer at
    indhente 0,2 mio. kr. i 2022."."""
    carried = f"{name} har fået overført et merforbrug på {_mio(shown_deviation(carried_in))} fra {year - 1}"
    if recovered > 0 and not is_balance(recovered):
        return _end(f"{carried} og forventer at indhente {_mio(recovered)} i {year}")
    return f"{carried} og forventer ikke at indhente noget af det i {year}."


def pool_sentences(*, committee: str, name_phrase: str, year: int, use: PoolUse, previous: PoolUse | None) -> str:
    """The demography pool paragraph: what is set aside, and how much is expected drawn."""
    text = _end(f"Der er på {committee}s område afsat {_mio(use.amount)} for {year} i {name_phrase}")
    unchanged = previous is not None and _mio(previous.drawn) == _mio(use.drawn)
    if is_balance(use.drawn):
        draw = "Der forventes aktuelt ikke et træk på puljen"
    elif is_balance(use.left):
        draw = f"Der forventes et træk på hele puljen på {_mio(use.drawn)}"
    else:
        draw = f"Der forventes et træk på puljen på {_mio(use.drawn)}, så der resterer {_mio(use.left)}"
    if previous is None:
        return f"{text} {_end(draw)}"
    if unchanged:
        return f"{text} {draw} (uændret i forhold til sidste måned)."
    return f"{text} {draw} (ved seneste opfølgning {_mio(previous.drawn)})."


def service_sentence(underspend: Decimal, previous: Decimal | None) -> str:
    if is_balance(underspend):
        body = "Der forventes balance på serviceudgifterne"
    else:
        body = f"Der forventes et {kind_of(underspend)} på serviceudgifter på {_mio(shown_deviation(underspend))}"
    return f"{body}{_previous(underspend, previous, lead='sidste opfølgning')} i forhold til oprindeligt budget."


def capital_sentences(*, year: int, underspend: Decimal, previous: Decimal | None, transfer: Decimal,
                      used_next_year: Decimal, underspend_next_year: Decimal) -> str:
    """"På anlæg forventes et mindreforbrug i 2022 på 74,4 mio. kr. (…). Restbevillingen forventes
    overført til udførelse i 2023, hvor der forventes forbrugt 73,0 mio. kr. samt et mindreforbrug på 1,4 mio. kr."."""
    if is_balance(underspend):
        first = f"På anlæg forventes balance i {year}{_previous(underspend, previous, lead='sidste opfølgning')}."
    else:
        first = (f"På anlæg forventes et {kind_of(underspend)} i {year} på {_mio(shown_deviation(underspend))}"
                 f"{_previous(underspend, previous, lead='sidste opfølgning')}.")
    if transfer <= 0 or is_balance(transfer):
        return first
    second = (f" Restbevillingen forventes overført til udførelse i {year + 1}, "
              f"hvor der forventes forbrugt {_mio(used_next_year)}")
    if is_balance(underspend_next_year):
        return _end(f"{first}{second}")
    return _end(f"{first}{second} samt et mindreforbrug på {_mio(underspend_next_year)}")


def resume_sentence(*, year: int, month_end, underspend: Decimal, previous: Decimal | None) -> str:
    previous_text = f" (ved seneste opfølgning {_mio(shown_deviation(previous))})" if previous is not None else ""
    if is_balance(underspend):
        result = "balance i forhold til korrigeret budget"
    else:
        result = (f"et samlet {kind_of(underspend)} på {_mio(shown_deviation(underspend))} "
                  "i forhold til korrigeret budget")
    return (f"Økonomistaben fremlægger budgetopfølgning {fmt_as_of(month_end)}. Dispositionsregnskaberne viser "
            f"{result} og inden anvendelse af demografipuljer{previous_text}.")


def consequence_line(label: str, year: int, underspend: Decimal) -> str:
    """"Drift 2022: 46,1 mio. kr. i forventet mindreforbrug"."""
    if is_balance(underspend):
        return f"{label} {year}: forventet balance"
    return f"{label} {year}: {_mio(shown_deviation(underspend))} i forventet {kind_of(underspend)}"


def annual_opening(*, name: str, year: int, actual: Decimal, original: Decimal, corrected: Decimal) -> list[str]:
    """The annual report's opening: spend, and the deviation against OB and KB (reference 000)."""
    against_ob = original - actual
    against_kb = corrected - actual
    sentences = [f"Driftsregnskabet for {name} for {year} viser et forbrug på {_mio(actual)} jf. tabel 1."]
    sentences.append(_against("det oprindelige budget", original, against_ob))
    sentences.append(_against("det korrigerede budget", corrected, against_kb, lead="Set i forhold til"))
    return sentences


def _against(what: str, budget: Decimal, underspend: Decimal, lead: str = "I forhold til") -> str:
    if is_balance(underspend):
        return f"{lead} {what} på {_mio(budget)} er der balance."
    return _end(f"{lead} {what} på {_mio(budget)} udgør {kind_of(underspend)}et {_mio(abs(underspend))}")


def contribution_bullet(name: str, underspend: Decimal) -> str:
    """"Mindreforbrug på 1,3 mio. kr. til Kommunalbestyrelsen, råd og nævn"."""
    if is_balance(underspend):
        return f"Balance på {name}."
    return _end(f"{kind_of(underspend).capitalize()} på {_mio(abs(underspend))} på {name}")
