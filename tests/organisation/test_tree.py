from styr.organisation.models import Unit
from styr.organisation.tree import build_forest, rebuild_paths


def test_every_unit_has_the_path_of_its_parent_plus_itself(org):
    for unit in Unit.objects.select_related("parent"):
        if unit.parent:
            assert unit.path == f"{unit.parent.path}{unit.pk}/"
            assert unit.depth == unit.parent.depth + 1
        else:
            assert unit.path == f"/{unit.pk}/" and unit.depth == 0


def test_moving_a_unit_moves_its_whole_subtree(org):
    org.b1.parent = org.u2
    org.b1.save()
    assert rebuild_paths() == 3  # B1 and its two units
    assert sorted(Unit.objects.subtree_of(Unit.objects.get(code="U2")).values_list("code", flat=True)) == [
        "B1", "B3", "E1", "E2", "E3", "U2"]


def test_rebuilding_an_unchanged_tree_changes_nothing(org):
    assert rebuild_paths() == 0


def test_the_forest_nests_units_and_orders_siblings_by_name(org):
    forest = build_forest(list(Unit.objects.all()), [org.root])
    assert len(forest) == 1 and forest[0].size == 9
    committees = [n.unit.name for n in forest[0].children]
    assert committees == ["Børne- og Ungeudvalget", "Ældre- og Sundhedsudvalget"]
    schools = forest[0].children[0].children
    assert [n.unit.name for n in schools] == ["Dagtilbud Nord", "Egebjerg Skole"]


def test_ancestors_run_from_the_root_down_to_the_parent(org):
    assert [u.code for u in org.e1.ancestors()] == ["K", "U1", "B1"]
