"""The load benchmark's own code path, briefly, so the script cannot rot."""

from bench import load


def test_load_smoke_on_sqlite_loses_nothing() -> None:
    # A higher share of writes than the benchmark, so two seconds always hold some.
    figures = load.run("sqlite", clients=4, seconds=2, workers=1, write_share=0.3)

    assert figures["requests"] > 10
    assert figures["acknowledged writes"] > 0, "no write got through: the workload is broken"
    assert figures["5xx"] == 0
    assert figures["lost writes"] == 0
    assert load.missed(figures) == {}
