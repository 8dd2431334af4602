"""The main navigation: one entry per module that exists, shown to the users it is for.

A module adds its entry here when it lands; the start page shows the same list as cards.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from styr.organisation import access


@dataclass(frozen=True)
class Module:
    label: str
    url_name: str
    description: str
    visible_to: Callable = lambda user: user.is_authenticated


MODULES = [
    Module("Forside", "core-home", "Overblik over det, du har adgang til."),
    Module("Min lederside", "portal-home",
           "Din enheds økonomi, sygefravær, mål og tilfredshed, dine opgaver og nyheder fra centralforvaltningen."),
    Module("Organisation", "organisation-tree", "Enheder, ledere og omkostningssteder som et træ."),
    Module("Budget og regnskab", "budget-overview",
           "Budget, forbrug og afvigelser for dine enheder, ned til den enkelte postering."),
    Module("Budgetopfølgning", "followup-rounds",
           "Månedlig opfølgning: forventet regnskab, forklaringer, risikobilleder og rapporterne til Direktionen."),
    Module("Nøgletal", "keyfigures-overview",
           "Befolkning, likviditet, restancer, sygefravær og ansatte – og den månedlige økonomirapport."),
    Module("Møder", "meetings-list", "Dagsordener, beslutninger og referater for Direktionen og udvalgene."),
    Module("Mål", "goals-list", "Pejlemærker, indsatser og mål med indikatorer, status og rapporter."),
    Module("Revisionsspor", "core-audit", "Hvem ændrede hvad og hvornår.", access.is_admin),
]


def modules_for(user) -> list[Module]:
    return [m for m in MODULES if m.visible_to(user)]


def main_navigation(request) -> list[dict]:
    items = []
    for module in modules_for(request.user):
        href = reverse(module.url_name)
        current = request.path == href if href == "/" else request.path.startswith(href)
        items.append({"label": module.label, "href": href, "current": current})
    return items
