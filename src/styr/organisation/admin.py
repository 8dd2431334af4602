from django.contrib import admin

from .models import CostCentre, Person, RoleAssignment, Unit


class CostCentreInline(admin.TabularInline):
    model = CostCentre
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "leader", "closed_on"]
    list_filter = ["kind", ("closed_on", admin.EmptyFieldListFilter)]
    search_fields = ["code", "name", "leader__name", "leader__email"]
    autocomplete_fields = ["parent", "leader", "deputies"]
    inlines = [CostCentreInline]

    def save_model(self, request, obj, form, change):
        from .tree import rebuild_paths

        super().save_model(request, obj, form, change)
        rebuild_paths()


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "user"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["user"]


@admin.register(CostCentre)
class CostCentreAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "closed_on"]
    search_fields = ["code", "name", "unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "unit__name"]
    autocomplete_fields = ["user", "unit"]
