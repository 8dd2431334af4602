from django.contrib import admin

from .models import Goal, GuidingMark, Indicator, Initiative, Measurement


@admin.register(GuidingMark)
class GuidingMarkAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "first_year", "last_year", "adopted_on"]
    list_filter = ["first_year", "committee"]
    search_fields = ["title"]
    autocomplete_fields = ["committee"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "status", "updated_at"]
    list_filter = ["status", "guiding_marks"]
    search_fields = ["title"]
    autocomplete_fields = ["unit"]
    filter_horizontal = ["guiding_marks"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "year", "guiding_mark", "status", "status_updated_at"]
    list_filter = ["year", "status", "guiding_mark"]
    search_fields = ["title", "unit__name"]
    autocomplete_fields = ["unit", "guiding_mark", "initiative"]
    readonly_fields = ["status_updated_at", "status_updated_by"]
    inlines = [IndicatorInline]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "measured_on", "value"]
    list_filter = ["measured_on"]
    autocomplete_fields = ["indicator"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "goal", "unit_of_measure", "baseline", "target", "direction"]
    search_fields = ["name", "goal__title"]
