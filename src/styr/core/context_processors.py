from django.conf import settings

from styr.organisation import access
from styr.organisation.models import Role

from .navigation import main_navigation


def styr(request) -> dict:
    context = {"municipality_name": settings.MUNICIPALITY_NAME}
    user = request.user
    if user.is_authenticated:
        person = getattr(user, "person", None)
        roles = access.roles_of(user)
        context.update({
            "main_navigation": main_navigation(request),
            "perms_finance": access.can_edit_finance(user),
            "sees_all": access.sees_all_units(user),
            "user_display_name": (person.name if person and person.name else user.get_full_name()) or user.username,
            "user_role_names": ", ".join(label for value, label in Role.choices if value in roles),
        })
    return context
