"""Danish numbers and dates in templates: ``{% load danish %}`` then ``{{ x|kr }}``, ``{{ x|tkr }}``,
``{{ x|mio }}``, ``{{ x|tal:1 }}``, ``{{ x|procent }}``, ``{{ x|pp }}``, ``{{ d|dato }}``,
``{{ d|dato_kort }}``, ``{{ d|pr_dato }}``, ``{{ p|periode }}``, ``{{ m|maaned }}``.

Each filter is a thin wrapper around :mod:`styr.documents.numbers`; see there for the rules.
"""

from django import template

from styr.documents import numbers

register = template.Library()


@register.filter
def tal(value, decimals=0):
    """{{ 1406800|tal }} → 1.406.800; {{ x|tal:1 }} with one decimal."""
    return numbers.fmt_number(value, int(decimals))


@register.filter
def kr(value, decimals=0):
    return numbers.fmt_kr(value, int(decimals))


@register.filter
def tkr(value, decimals=0):
    """Kroner shown in 1.000 kr.; the table header says the unit."""
    return numbers.fmt_tkr(value, int(decimals))


@register.filter
def tkr_minus(value, decimals=0):
    """Like tkr with a typographic minus (U+2212), for right-aligned table columns."""
    return numbers.fmt_tkr(value, int(decimals), minus=numbers.MINUS)


@register.filter
def mio(value, decimals=1):
    return numbers.fmt_mio(value, int(decimals))


@register.filter
def beloeb(value):
    """An amount for running text in the unit a reader expects (kr., mio. kr., mia. kr.)."""
    return numbers.fmt_amount(value)


@register.filter
def procent(value, decimals=1):
    return numbers.fmt_percent(value, int(decimals))


@register.filter
def pp(value, decimals=1):
    return numbers.fmt_pp(value, int(decimals))


@register.filter
def dato(value):
    """31. juli 2022"""
    return numbers.fmt_date_long(value)


@register.filter
def dato_kort(value):
    """29-08-2022"""
    return numbers.fmt_date_short(value)


@register.filter
def pr_dato(value):
    """pr. 31. december 2016"""
    return numbers.fmt_as_of(value)


@register.filter
def periode(value):
    """202207 → juli 2022"""
    return numbers.fmt_period(value)


@register.filter
def maaned(value):
    """7 → juli"""
    return numbers.month_name(int(value))


@register.filter
def maaned_kort(value):
    """7 → jul."""
    return numbers.MONTH_ABBREVIATIONS[int(value) - 1]
