"""Reference data of meetings in the Django admin: bodies with their members, the year wheel and
cases. Meetings, items and minutes are edited in Styr's own pages, which go through the services
(search index, the lock on approved minutes); here they are read-only."""

from django import forms
from django.contrib import admin

from .models import AgendaItem, Body, Case, Meeting, MinutesVersion, StandingItem


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "order", "default_place"]
    filter_horizontal = ["members"]


@admin.register(StandingItem)
class StandingItemAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "months", "recurrence", "closed", "keep_last", "order"]
    list_filter = ["body", "recurrence"]


class CaseAdminForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["number", "title", "kle", "facet"]

    def clean(self):
        from .services import validate_case

        data = super().clean()
        problems = validate_case(data.get("number", ""), data.get("kle", ""), data.get("facet", ""))
        if problems:
            raise forms.ValidationError(problems)
        return data


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    form = CaseAdminForm
    list_display = ["number", "title", "kle", "facet"]
    search_fields = ["number", "title", "kle"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "body", "starts_at", "status"]
    list_filter = ["body", "status"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "meeting", "closed", "kind"]
    search_fields = ["title"]


@admin.register(MinutesVersion)
class MinutesVersionAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "number", "published_at", "published_by"]
