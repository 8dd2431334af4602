from django import forms

from styr.organisation.models import Unit, UnitKind


class NewsForm(forms.Form):
    title = forms.CharField(label="Overskrift", max_length=200)
    body = forms.CharField(label="Tekst", widget=forms.Textarea(attrs={"rows": 8}))
    audience_kind = forms.ChoiceField(label="Niveau", required=False,
                                      choices=[("", "Alle niveauer"), *UnitKind.choices],
                                      help_text="Kun ledere af enheder på dette niveau får nyheden.")
    audience_unit = forms.ModelChoiceField(label="Del af organisationen", required=False,
                                           queryset=Unit.objects.none(), empty_label="Hele organisationen",
                                           help_text="Kun ledere i denne del af organisationen får nyheden.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Targets are the upper levels; a single unit's leader is reached through its area.
        self.fields["audience_unit"].queryset = Unit.objects.open().exclude(kind=UnitKind.UNIT).order_by("path")


class SatisfactionUploadForm(forms.Form):
    file = forms.FileField(label="Fil (CSV)", help_text="Kolonnerne enhed_id;aar;spoergsmaal;gennemsnit;svar")
    dry_run = forms.BooleanField(label="Prøvekørsel: vis hvad der ville ske, men gem intet", required=False)
