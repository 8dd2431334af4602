from django import template

from styr.documents.numbers import fmt_mio, fmt_tkr

from ..rules import shown_deviation

register = template.Library()


@register.filter
def afvigelse_tkr(underspend):
    """A deviation in 1.000 kr., signed by the municipality's convention."""
    return "" if underspend is None else fmt_tkr(shown_deviation(underspend))


@register.filter
def afvigelse_mio(underspend):
    return "" if underspend is None else fmt_mio(shown_deviation(underspend))
