"""Audit entries as a person reads them: Danish action names, field names and values."""

from django import template

register = template.Library()

ACTIONS = {0: "Oprettet", 1: "Ændret", 2: "Slettet", 3: "Vist"}
HIDDEN_FIELDS = {"ID", "id"}


def _value(text: str) -> str:
    return "–" if text in ("None", "", None) else text


@register.filter
def audit_action(entry) -> str:
    return ACTIONS.get(entry.action, str(entry.action))


@register.filter
def audit_changes(entry) -> list[tuple[str, str, str]]:
    """(field, before, after) for each changed field, in Danish where the model says it."""
    try:
        changes = entry.changes_display_dict
    except (AttributeError, ValueError, LookupError):
        changes = entry.changes_dict
    return [(field, _value(before), _value(after)) for field, (before, after) in changes.items()
            if field not in HIDDEN_FIELDS]
