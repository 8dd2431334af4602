from django.contrib import admin

from .models import AreaSetting, Pool


@admin.register(AreaSetting)
class AreaSettingAdmin(admin.ModelAdmin):
    list_display = ["unit", "carry_over_allowed", "carry_over_cap_percent"]
    list_editable = ["carry_over_allowed", "carry_over_cap_percent"]
    autocomplete_fields = ["unit"]


@admin.register(Pool)
class PoolAdmin(admin.ModelAdmin):
    list_display = ["year", "name", "kind", "holder", "amount", "finances"]
    list_filter = ["year", "kind"]
    autocomplete_fields = ["holder", "finances"]
