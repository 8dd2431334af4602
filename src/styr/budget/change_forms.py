from django import forms

from styr.core.danish_values import parse_amount

from .accounts import normalise_art_code, normalise_function_code
from .models import ChangeKind, Dranst


class DanishAmountField(forms.CharField):
    """An amount typed the Danish way ("-250.000" or "1.234,50"), as Decimal."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_amount(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class ChangeForm(forms.Form):
    kind = forms.ChoiceField(label="Type", choices=ChangeKind.choices)
    decided_on = forms.DateField(label="Besluttet den", help_text="Fx 24-10-2022",
                                 input_formats=["%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"])
    body = forms.CharField(label="Besluttet af", max_length=100, help_text="Fx Økonomiudvalget")
    meeting_date = forms.DateField(label="Mødedato", required=False, input_formats=["%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"])
    case_number = forms.CharField(label="Sagsnummer", max_length=40, required=False)
    text = forms.CharField(label="Tekst", widget=forms.Textarea(attrs={"rows": 3}))
    financing = forms.CharField(label="Finansiering", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                help_text="Påkrævet for en tillægsbevilling")


class ChangeLineForm(forms.Form):
    cost_centre = forms.CharField(label="Omkostningssted", max_length=40)
    function = forms.CharField(label="Funktion", max_length=8, help_text="fx 3.22.01")
    dranst = forms.TypedChoiceField(label="Dranst", choices=Dranst.choices, coerce=int, initial=Dranst.DRIFT)
    art = forms.CharField(label="Art", max_length=4, help_text="fx 1.0")
    amount = DanishAmountField(label="Beløb (kr.)")

    def clean_function(self):
        try:
            return normalise_function_code(self.cleaned_data["function"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_art(self):
        try:
            return normalise_art_code(self.cleaned_data["art"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


ChangeLineFormSet = forms.formset_factory(ChangeLineForm, extra=2, min_num=1, validate_min=True, max_num=200)


class BudgetFileForm(forms.Form):
    file = forms.FileField(label="Fil (CSV eller Excel)")
    year = forms.IntegerField(label="Budgetår", min_value=2000, max_value=2100)
    name = forms.CharField(label="Navn", max_length=200, required=False, help_text="Fx «Budget 2023-2026»")
