from django import forms
from django.utils import timezone

from styr.budget.change_forms import DanishAmountField
from styr.organisation.models import Unit, UnitKind

DATE_FORMATS = ["%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class RoundForm(forms.Form):
    year = forms.IntegerField(label="År", min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label="Opfølgning pr. udgangen af", coerce=int, choices=[
        (i, name) for i, name in enumerate(["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                                            "september", "oktober", "november", "december"], start=1)])
    scope = forms.ModelChoiceField(label="Omfatter", queryset=Unit.objects.none(), empty_label=None)
    deadline = forms.DateField(label="Frist for budgetansvarlige", input_formats=DATE_FORMATS,
                               help_text="Fx 10-08-2022")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].queryset = Unit.objects.open().filter(
            kind__in=[UnitKind.MUNICIPALITY, UnitKind.COMMITTEE]).order_by("depth", "name")
        today = timezone.localdate()
        self.fields["year"].initial = today.year


class ForecastForm(forms.Form):
    expected = DanishAmountField(label="Forventet regnskab (kr.)", help_text="Det forventede forbrug ved årets udgang, "
                                 "fx 12.400.000. Udgift positiv, indtægt negativ.")
    expected_next_year = DanishAmountField(label="Forventet forbrug næste år af det overførte beløb (kr.)",
                                           required=False)
    explanation = forms.CharField(label="Forklaring", required=False, widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text="Hvad skyldes afvigelsen, og hvad gør I ved den?")


class ReturnForm(forms.Form):
    comment = forms.CharField(label="Bemærkning til den budgetansvarlige", widget=forms.Textarea(attrs={"rows": 3}))


class RiskForm(forms.Form):
    description = forms.CharField(label="Risiko", widget=forms.Textarea(attrs={"rows": 2}))
    likelihood = forms.TypedChoiceField(label="Sandsynlighed", coerce=int, choices=[
        (1, "1 – meget lav"), (2, "2 – lav"), (3, "3 – middel"), (4, "4 – høj"), (5, "5 – meget høj")])
    consequence = DanishAmountField(label="Konsekvens (kr.)", help_text="Hvad risikoen kan koste i år")
    mitigation = forms.CharField(label="Afbødende handling", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label="Ansvarlig", required=False, max_length=200)
    due_date = forms.DateField(label="Frist", required=False, input_formats=DATE_FORMATS)


class ActionPlanMeetingForm(forms.Form):
    held_on = forms.DateField(label="Afholdt den", input_formats=DATE_FORMATS)
    participants = forms.CharField(label="Deltagere", required=False, max_length=300)
    note = forms.CharField(label="Referat", required=False, widget=forms.Textarea(attrs={"rows": 3}))
