import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Attachments of the meeting tests go to a temporary MEDIA_ROOT, not the checkout's build/."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
