from django import forms

from styr.budget.change_forms import DanishAmountField

from .models import GoalColour

DATE_FORMATS = ["%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class GoalStatusForm(forms.Form):
    colour = forms.ChoiceField(label="Status", choices=GoalColour.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="Bemærkning", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Hvor står målet, og hvad gør I? Påkrævet ved gul og rød.")


class MeasurementForm(forms.Form):
    measured_on = forms.DateField(label="Målt den", input_formats=DATE_FORMATS, help_text="Fx 31-12-2025")
    value = DanishAmountField(label="Værdi", help_text="Fx 4,5")
    note = forms.CharField(label="Bemærkning", required=False, max_length=300)
