"""Forms of the meeting pages. They check what a person typed; the services check the rules."""

from datetime import datetime, time

from django import forms
from django.utils import timezone

from styr.organisation.models import Unit

from . import conf, rules
from .models import Body, ItemKind, Phrase


class StyledForm(forms.Form):
    """Widgets with DKFDS classes, and hints tied to their fields for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs["class"] = "form-checkbox"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            elif isinstance(widget, forms.Textarea) or name == "title":
                widget.attrs["class"] = "form-input input-width-xl"
            elif not isinstance(widget, forms.CheckboxInput | forms.ClearableFileInput):
                widget.attrs["class"] = "form-input"
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-hint"


class MeetingForm(StyledForm):
    body = forms.ModelChoiceField(label="Forum", queryset=Body.objects.none(), empty_label=None)
    day = forms.DateField(label="Dato", widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label="Klokkeslæt", initial=time(8, 30), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label="Mødested", required=False, max_length=200,
                            help_text="Tomt: forummets faste mødested, eller værtsenhedens navn.")
    host_unit = forms.ModelChoiceField(label="Decentralt møde hos", required=False,
                                       queryset=Unit.objects.open().order_by("name"),
                                       help_text="Enheden præsenterer sig som et punkt på dagsordenen.")
    public = forms.BooleanField(label="Offentligt møde (står i kalenderen og i det åbne API)", required=False,
                                initial=True)

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.all()

    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.cleaned_data["day"], self.cleaned_data["start"]))


class ItemForm(StyledForm):
    title = forms.CharField(label="Titel", max_length=300)
    kind = forms.ChoiceField(label="Sagstype", choices=ItemKind.choices)
    closed = forms.BooleanField(label="Lukket punkt", required=False,
                                help_text="Kun forummets medlemmer og administratorer ser indholdet.")
    case_number = forms.CharField(label="Sagsnummer", required=False, max_length=40,
                                  help_text="Fx 22-010739 eller 326-2018-9389.")
    journal_number = forms.CharField(label="Journalnummer (KLE)", required=False, max_length=12,
                                     help_text="Fx 85.13.00, evt. med handlingsfacet: 85.13.00 G01.")
    document_number = forms.CharField(label="Dokumentnummer", required=False, max_length=40)
    resume = forms.CharField(label="Resume og sagens baggrund", required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))
    recommended_by = forms.CharField(label="Indstillet af", required=False, max_length=200,
                                     help_text="Fx «Økonomichefen».")
    recommendations = forms.CharField(label="Indstillinger", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                      help_text="Én indstilling pr. linje, fx «orienteringen tages til efterretning».")
    treatment = forms.ModelMultipleChoiceField(label="Behandling", queryset=Body.objects.all(), required=False,
                                               widget=forms.CheckboxSelectMultiple)
    case_text = forms.CharField(label="Sagsfremstilling", required=False, widget=forms.Textarea(attrs={"rows": 8}),
                                help_text="Tom linje mellem afsnit; linjer, der starter med «-», bliver punkter.")
    economic_consequences = forms.CharField(label="Økonomiske konsekvenser", required=False,
                                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, may_close: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_close:
            del self.fields["closed"]

    def clean_case_number(self):
        number = self.cleaned_data["case_number"].strip()
        if number:
            problem = rules.case_number_problem(number, conf.case_number_pattern())
            if problem:
                raise forms.ValidationError(problem)
        return number

    def clean_journal_number(self):
        kle, facet = rules.split_journal_number(self.cleaned_data["journal_number"])
        problem = rules.kle_problem(kle, facet)
        if problem:
            raise forms.ValidationError(problem)
        return kle, facet

    def clean(self):
        data = super().clean()
        kle = data.get("journal_number", ("", ""))
        if kle and kle[0] and not data.get("case_number"):
            self.add_error("journal_number", "Et journalnummer hører til en sag: skriv også sagsnummeret.")
        return data


class AttachmentForm(StyledForm):
    file = forms.FileField(label="Fil", help_text="PDF, Word (.docx) eller Excel (.xlsx).")
    title = forms.CharField(label="Titel", required=False, max_length=300, help_text="Tom: filens navn.")
    document_number = forms.CharField(label="Dokumentnummer", required=False, max_length=40)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = conf.attachment_max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(rules.too_big_message(upload.size, limit))
        return upload


class DecisionForm(StyledForm):
    phrase = forms.ChoiceField(label="Standardtekst", required=False,
                               choices=[("", "Ingen standardtekst")] + list(Phrase.choices))
    text = forms.CharField(label="Beslutning (fri tekst)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up = forms.CharField(label="Opfølgning", required=False, max_length=500,
                                help_text="Fx «Status gives på møde med administrative chefer».")
    follow_up_owner = forms.ModelChoiceField(label="Ansvarlig for opfølgningen", required=False, queryset=None)
    follow_up_due = forms.DateField(label="Frist", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        self.fields["follow_up_owner"].queryset = get_user_model().objects.filter(is_active=True).order_by(
            "first_name", "last_name", "username")
        self.fields["follow_up_owner"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean(self):
        data = super().clean()
        if not data.get("phrase") and not (data.get("text") or "").strip():
            raise forms.ValidationError("Vælg en standardtekst eller skriv en beslutning.")
        return data


class CorrectionForm(DecisionForm):
    reason = forms.CharField(label="Begrundelse for rettelsen", widget=forms.Textarea(attrs={"rows": 2}))


class SearchForm(StyledForm):
    q = forms.CharField(label="Søgeord", required=False, max_length=200)
    body = forms.ModelChoiceField(label="Forum", queryset=Body.objects.all(), required=False,
                                  empty_label="Alle fora")
    date_from = forms.DateField(label="Fra dato", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="Til dato", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    case_number = forms.CharField(label="Sagsnummer", required=False, max_length=40)
