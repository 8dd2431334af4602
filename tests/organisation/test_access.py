"""Who sees which units: the rules a finance officer would state."""

import pytest
from django.http import Http404

from styr.organisation import access
from styr.organisation.models import Role, RoleAssignment

from ..factories import make_person, make_user


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


def test_a_leader_sees_their_own_unit_and_everything_below_it(cast):
    assert codes(access.visible_units(cast.leader_a)) == ["B1", "E1", "E2"]


def test_a_leader_does_not_see_a_sibling_area_or_the_levels_above(cast):
    visible = codes(access.visible_units(cast.leader_a))
    assert "B2" not in visible and "U1" not in visible and "K" not in visible


def test_finance_staff_directors_and_admins_see_every_unit(cast):
    everything = codes(access.visible_units(cast.admin))
    assert len(everything) == 9
    assert codes(access.visible_units(cast.finance)) == everything
    assert codes(access.visible_units(cast.director)) == everything


def test_a_user_without_role_or_unit_sees_nothing(cast):
    assert codes(access.visible_units(cast.outsider)) == []


def test_a_deputy_sees_the_unit_they_deputise_for(cast):
    deputy = make_user("stedfortraeder")
    cast.org.b3.deputies.add(make_person("Sara Stedfortræder", deputy))
    assert codes(access.visible_units(deputy)) == ["B3", "E3"]


def test_a_leader_role_on_a_unit_gives_its_subtree(cast):
    chief = make_user("fagchef", role=Role.LEADER, unit=cast.org.u1)
    assert codes(access.visible_units(chief)) == ["B1", "B2", "E1", "E2", "U1"]


def test_a_leader_of_a_closed_unit_no_longer_sees_it(cast):
    cast.org.b1.closed_on = "2022-01-01"
    cast.org.b1.save()
    fresh = type(cast.leader_a).objects.get(pk=cast.leader_a.pk)
    assert codes(access.visible_units(fresh)) == []


def test_a_unit_outside_the_leaders_subtree_is_not_found_rather_than_forbidden(cast):
    with pytest.raises(Http404):
        access.get_visible_unit_or_404(cast.leader_a, "B3")
    assert access.get_visible_unit_or_404(cast.leader_b, "E3").code == "E3"


def test_only_admin_and_finance_may_change_finance_data(cast):
    assert access.can_edit_finance(cast.admin) and access.can_edit_finance(cast.finance)
    assert not access.can_edit_finance(cast.director)
    assert not access.can_edit_finance(cast.leader_a)


def test_a_leaders_tree_starts_at_their_own_unit(cast):
    assert [u.code for u in access.top_units(cast.leader_a)] == ["B1"]
    assert [u.code for u in access.top_units(cast.finance)] == ["K"]


def test_a_leader_of_two_nested_units_gets_one_tree(cast):
    RoleAssignment.objects.create(user=cast.leader_a, role=Role.LEADER, unit=cast.org.e1)
    fresh = type(cast.leader_a).objects.get(pk=cast.leader_a.pk)
    assert [u.code for u in access.top_units(fresh)] == ["B1"]


def test_a_leader_sees_the_path_only_from_their_own_unit(cast):
    assert [u.code for u in access.visible_ancestors(cast.leader_a, cast.org.e1)] == ["B1"]
    assert [u.code for u in access.visible_ancestors(cast.finance, cast.org.e1)] == ["K", "U1", "B1"]
