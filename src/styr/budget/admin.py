from django.contrib import admin

from .models import Art, Budget, BudgetChange, BudgetChangeLine, Function, LedgerImport, MainFunction


@admin.register(MainFunction)
class MainFunctionAdmin(admin.ModelAdmin):
    list_display = ["year", "code", "name"]
    list_filter = ["year"]
    search_fields = ["code", "name"]


@admin.register(Function)
class FunctionAdmin(admin.ModelAdmin):
    list_display = ["year", "code", "name", "classification"]
    list_filter = ["year", "classification"]
    list_editable = ["classification"]
    search_fields = ["code", "name"]


@admin.register(Art)
class ArtAdmin(admin.ModelAdmin):
    list_display = ["year", "code", "name"]
    list_filter = ["year"]
    search_fields = ["code", "name"]


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["name", "budget_year", "adopted_on", "decision"]


class ChangeLineInline(admin.TabularInline):
    model = BudgetChangeLine
    extra = 0
    readonly_fields = ["cost_centre", "function", "dranst", "art", "amount"]
    can_delete = False


@admin.register(BudgetChange)
class BudgetChangeAdmin(admin.ModelAdmin):
    """Read-only here: a change is recorded through Styr's own form, which checks the rules."""

    list_display = ["decided_on", "kind", "body", "case_number", "text"]
    list_filter = ["year", "kind"]
    search_fields = ["text", "case_number"]
    inlines = [ChangeLineInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LedgerImport)
class LedgerImportAdmin(admin.ModelAdmin):
    list_display = ["imported_at", "file_name", "row_count", "total", "imported_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
