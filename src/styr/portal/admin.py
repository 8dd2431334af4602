from django.contrib import admin

from .models import AbsenceTarget, NewsItem, SatisfactionResult, ToolLink


@admin.register(AbsenceTarget)
class AbsenceTargetAdmin(admin.ModelAdmin):
    list_display = ["unit", "percent"]
    list_editable = ["percent"]
    autocomplete_fields = ["unit"]
    search_fields = ["unit__name", "unit__code"]


@admin.register(ToolLink)
class ToolLinkAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "audience_kind", "position"]
    list_editable = ["position"]


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "published_at", "audience_kind", "audience_unit", "author"]
    autocomplete_fields = ["audience_unit"]
    readonly_fields = ["author"]


@admin.register(SatisfactionResult)
class SatisfactionResultAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "question", "average", "responses"]
    list_filter = ["year"]
    search_fields = ["unit__name", "question"]
    readonly_fields = ["source"]
