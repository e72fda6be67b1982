"""The benchmark's data generator runs at a tiny scale and gives views that merge."""

from pathlib import Path

from sqlmodel import Session

from app.core.db import build_engine
from app.localities.lookups import chain_of
from app.texts.merged import build_view
from bench.generate import generate


def test_generator_tiny_scale_gives_a_servable_view(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    counts = generate(url, scale=0.05, seed=3)
    assert counts["text_revisions"] > 100 and counts["pathways"] >= 2
    engine = build_engine(url)
    with Session(engine) as session:
        code = chain_of(session, "1101")[-1].code
        built = build_view(session, code=code, slug="forlop-01", lang="nb")
    engine.dispose()
    assert b'"services":[{' in built.body
