"""Money in the database: whole øre in a BigIntegerField, Decimal kroner in Python.

Integer øre sum exactly on SQLite and PostgreSQL alike (SQLite would sum a DecimalField as
floating point), and they are what the database's bulk paths load fastest.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

ONE_OERE = Decimal("0.01")


def to_oere(amount: Decimal | int) -> int:
    """Kroner as whole øre; refuses amounts with fractions of an øre rather than round them away."""
    if isinstance(amount, int):
        return amount * 100
    if isinstance(amount, float):
        raise TypeError("beløb må aldrig være float")
    oere = amount * 100
    if oere != oere.to_integral_value():
        raise ValueError(f"{amount} kr. har brøkdele af en øre")
    return int(oere)


def from_oere(oere: int) -> Decimal:
    return (Decimal(oere) / 100).quantize(ONE_OERE)


class MoneyField(models.BigIntegerField):
    """Kroner as Decimal in Python, øre as an integer in the database."""

    description = "Beløb i kr. (gemt som øre)"

    def from_db_value(self, value, expression, connection):
        return None if value is None else from_oere(int(value))

    def to_python(self, value):
        if value is None or isinstance(value, Decimal):
            return value
        try:
            return Decimal(str(value)).quantize(ONE_OERE)
        except ArithmeticError:
            raise ValidationError(f"«{value}» er ikke et beløb") from None

    def get_prep_value(self, value):
        if value is None:
            return None
        if isinstance(value, models.Expression):
            return value
        return to_oere(Decimal(str(value)) if not isinstance(value, (Decimal, int)) else value)

    def formfield(self, **kwargs):
        from django import forms

        return forms.DecimalField(max_digits=15, decimal_places=2, **kwargs)
