"""Search tests keep the index with every write, as the app and the CLI do."""

from collections.abc import Iterator

import pytest

from app.search import index, visible


@pytest.fixture(autouse=True)
def search_index_kept() -> Iterator[None]:
    index.install()
    visible.clear()
    yield
    visible.clear()
