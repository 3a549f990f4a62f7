"""Query entropy: uniform-random extraction sampling spreads its queries over the whole input
space; real traffic clusters where the data is and repeats itself."""

from __future__ import annotations

import random
import string
from statistics import NormalDist

from secplan.guard.abuse import ProbeWatch
from secplan.guard.entropy import EntropyMeter, Tally
from secplan.guard.tabular import Feature, Schema

NAMES = ("a", "b", "c", "d")


def _profiled() -> Schema:
    """Four features profiled as standard normals over [-4, 4], with their deciles."""
    deciles = tuple(NormalDist().inv_cdf(i / 10) for i in range(1, 10))
    return Schema(
        tuple(
            Feature(n, "number", -4.0, 4.0, mean=0.0, std=1.0, deciles=deciles, shares=(0.1,) * 10)
            for n in NAMES
        )
    )


def _score(meter: EntropyMeter, rows: list[dict[str, float]]) -> list[float]:
    w = meter.window()
    out = []
    for r in rows:
        w.push(r, None)
        out.append(meter.score(w) or 0.0)
    return out[19:]  # from the 20th query (the default min_queries) on


def _uniform(rng: random.Random, n: int) -> list[dict[str, float]]:
    return [{k: rng.uniform(-4.0, 4.0) for k in NAMES} for _ in range(n)]


def _realistic(rng: random.Random, n: int) -> list[dict[str, float]]:
    """Rows drawn like the training data, a few customers asking again and again."""
    regulars = [{k: rng.gauss(0.0, 1.0) for k in NAMES} for _ in range(5)]
    return [
        dict(rng.choice(regulars)) if rng.random() < 0.5 else {k: rng.gauss(0, 1) for k in NAMES}
        for _ in range(n)
    ]


def test_uniform_random_rows_score_high_and_realistic_traffic_low() -> None:
    rng = random.Random(7)
    for schema in (_profiled(), None):  # profiled deciles, then binned over the window
        meter = EntropyMeter(schema, window=100)
        assert min(_score(meter, _uniform(rng, 150))) >= 0.95
        assert max(_score(meter, _realistic(rng, 150))) < 0.95


def test_rows_drawn_from_the_training_distribution_stay_under_the_threshold() -> None:
    rng = random.Random(3)
    meter = EntropyMeter(_profiled(), window=100)
    fresh = [{k: rng.gauss(0.0, 1.0) for k in NAMES} for _ in range(200)]
    assert max(_score(meter, fresh)) < 0.9


def test_a_declared_range_without_deciles_bins_in_equal_steps() -> None:
    meter = EntropyMeter(Schema((Feature("x", "number", 0.0, 10.0),)), window=50)
    w = meter.window()
    for i in range(50):
        w.push({"x": i / 5}, None)
    assert meter.score(w) == 1.0
    w = meter.window()
    for i in range(50):
        w.push({"x": 5.0 + (i % 2) * 0.1}, None)
    assert (meter.score(w) or 0.0) < 0.2


def test_categories_score_their_own_spread() -> None:
    meter = EntropyMeter(Schema((Feature("k", "category", categories=frozenset("abcd")),)), 40)
    w = meter.window()
    for i in range(40):
        w.push({"k": "abcd"[i % 4]}, None)
    assert meter.score(w) == 1.0
    w = meter.window()
    for i in range(40):
        w.push({"k": "a" if i % 10 else "b"}, None)
    assert (meter.score(w) or 0.0) < 0.5


def test_random_prompts_score_high_and_repeated_questions_low() -> None:
    rng = random.Random(11)
    meter = EntropyMeter(None, window=100)
    printable = string.ascii_letters + string.digits + string.punctuation
    noise = ["".join(rng.choice(printable) for _ in range(rng.randint(10, 80))) for _ in range(100)]
    vocab = [f"{rng.choice(string.ascii_lowercase)}{i}" for i in range(20_000)]
    words = [" ".join(rng.choice(vocab) for _ in range(rng.randint(3, 20))) for _ in range(100)]
    asked = [
        "What is the weather in Paris today?",
        "Summarise this article for me, please.",
        "Translate 'good morning' into French.",
        "How do I reset my password?",
        "Write a short poem about the sea and the wind at night.",
    ]
    real = [rng.choice(asked) for _ in range(100)]
    assert min(_prompt_scores(meter, noise)) >= 0.95
    assert min(_prompt_scores(meter, words)) >= 0.95
    assert max(_prompt_scores(meter, real)) < 0.8


def _prompt_scores(meter: EntropyMeter, prompts: list[str]) -> list[float]:
    w = meter.window()
    out = []
    for p in prompts:
        w.push(None, p)
        out.append(meter.score(w) or 0.0)
    return out[19:]


def test_counts_leave_the_window_with_their_query() -> None:
    meter = EntropyMeter(Schema((Feature("x", "number", 0.0, 10.0),)), window=10)
    w = meter.window()
    for i in range(10):
        w.push({"x": float(i)}, "alpha beta")
    for _ in range(10):
        w.push({"x": 5.0}, "gamma")
    assert w.features[0].counts == {5: 10}
    assert w.tokens.counts == {"gamma": 10} and w.tokens.total == 10
    assert meter.score(w) == 0.0


def test_the_tally_keeps_its_entropy_as_counts_come_and_go() -> None:
    t = Tally()
    for k in "aabbcd":
        t.add(k)
    t.add("d", step=-1)
    t.add("c", step=-1)
    assert t.counts == {"a": 2, "b": 2} and abs(t.entropy() - 0.6931471805599453) < 1e-12


def test_the_watch_reports_query_entropy_only_when_asked() -> None:
    rng = random.Random(5)
    rows = _uniform(rng, 40)
    on = ProbeWatch(
        window=40, min_queries=20, duplicates=0.9, sweeps=0.9, entropy=0.95, schema=_profiled()
    )
    off = ProbeWatch(window=40, min_queries=20, duplicates=0.9, sweeps=0.9, schema=_profiled())
    assert [on.observe("eve", r, None) for r in rows][-1] == ["query-entropy"]
    assert all(off.observe("eve", r, None) == [] for r in rows)


def test_extreme_values_and_ranges_score_without_error() -> None:
    huge = Schema((Feature("x", "number", -1e308, 1e308), Feature("y", "number")))
    meter = EntropyMeter(huge, window=10)
    w = meter.window()
    for v in (-1.7e308, 1.7e308, 0.0, 5e-324, -5e-324):
        w.push({"x": v, "y": v, "z": v}, None)
        score = meter.score(w)
        assert score is None or 0.0 <= score <= 1.0
    free = EntropyMeter(None, window=10)
    w = free.window()
    for v in (-1.7e308, 1.7e308, 1.0):
        w.push({"z": v}, None)
    assert 0.0 <= (free.score(w) or 0.0) <= 1.0
