"""Fixtures for the key-figure tests; the data itself is made in keyfigure_factories.py."""

import pytest

from .keyfigure_factories import make_figures


@pytest.fixture
def figures_data(org):
    """September 2022 against August 2022 and September 2021, for every series."""
    return make_figures(org)
