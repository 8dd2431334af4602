from django import forms

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class OrgImportForm(forms.Form):
    file = forms.FileField(label="CSV-fil", help_text="Kolonner: enhed_id, navn, overordnet_id, leder_email, "
                           "omkostningssteder; valgfrit type, leder_navn, stedfortraedere.")
    dry_run = forms.BooleanField(label="Prøv først: vis hvad der vil ske, uden at gemme", required=False,
                                 initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Filen er større end 20 MB.")
        return upload
