"""The organisation as a tree: paths, and the nested structure the tree page shows."""

from dataclasses import dataclass, field

from .models import Unit


def rebuild_paths() -> int:
    """Recompute every unit's materialised path and depth from ``parent``; returns how many changed.

    The whole tree is a few thousand rows at most (Copenhagen size), so recomputing it in Python is
    simpler and safer than patching the subtrees that moved.
    """
    units = list(Unit.objects.only("id", "parent_id", "path", "depth"))
    parent_of = {u.pk: u.parent_id for u in units}
    paths: dict[int, str] = {}

    def path_of(pk: int) -> str:
        if pk not in paths:
            parent = parent_of[pk]
            paths[pk] = (path_of(parent) if parent else "/") + f"{pk}/"
        return paths[pk]

    changed = []
    for unit in units:
        path = path_of(unit.pk)
        depth = path.count("/") - 2
        if unit.path != path or unit.depth != depth:
            unit.path, unit.depth = path, depth
            changed.append(unit)
    Unit.objects.bulk_update(changed, ["path", "depth"], batch_size=500)
    return len(changed)


@dataclass
class TreeNode:
    unit: Unit
    children: list["TreeNode"] = field(default_factory=list)

    @property
    def size(self) -> int:
        return 1 + sum(child.size for child in self.children)


def build_forest(units: list[Unit], roots: list[Unit]) -> list[TreeNode]:
    """Nest ``units`` under ``roots``; siblings ordered by name. ``units`` holds the subtrees."""
    nodes = {u.pk: TreeNode(u) for u in units}
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id)
        if parent is not None:
            parent.children.append(node)
    for node in nodes.values():
        node.children.sort(key=lambda n: n.unit.name.lower())
    return [nodes[r.pk] for r in roots if r.pk in nodes]
