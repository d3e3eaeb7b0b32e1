"""The A/B runner: import and floor alternate, and the medians come from the pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import ab
from bench.common import median
from bench.generate import generate


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    src = generate(200, tmp_path_factory.mktemp("ab") / "vol.txt")
    return ab.measure(src, 200, pairs=3)


def test_pairs_alternate_import_and_floor(result: dict) -> None:
    runs = result["runs"]
    assert [(r["pair"], r["side"]) for r in runs] == [
        (i, side) for i in range(3) for side in ("import", "floor")
    ]
    assert all(r["rows"] == 200 for r in runs)  # both sides saw every entry
    assert all(r["wall"] > 0 and r["cpu"] > 0 for r in runs)


def test_medians_come_from_the_per_pair_ratios(result: dict) -> None:
    runs = result["runs"]
    for pair in result["pairs"]:
        imp, floor = runs[2 * pair["pair"]], runs[2 * pair["pair"] + 1]
        assert pair["wall_ratio"] == imp["wall"] / floor["wall"]
        assert pair["cpu_ratio"] == imp["cpu"] / floor["cpu"]
    assert result["wall_ratio"] == median([p["wall_ratio"] for p in result["pairs"]])
    assert result["cpu_ratio"] == median([p["cpu_ratio"] for p in result["pairs"]])
    imports = [r for r in runs if r["side"] == "import"]
    assert result["import_cpu"] == median([r["cpu"] for r in imports])
    assert result["us_per_entry_wall"] == pytest.approx(result["import_wall"] / 200 * 1e6)
    assert result["import_peak_mb"] == max(r["peak"] for r in imports) > 0


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_table_lists_every_pair_and_one_summary_row_per_size(result: dict) -> None:
    pairs = ab.format_pairs(result).splitlines()
    assert pairs[0].startswith("200 entries")
    assert [line.split()[:2] for line in pairs[2:]] == [
        [str(i), side] for i in (1, 2, 3) for side in ("import", "floor")
    ]
    table = ab.format_table([result, {**result, "entries": 400}]).splitlines()
    assert "µs/entry CPU" in table[0] and len(table) == 3
    assert table[1].split()[0] == "200" and table[2].split()[0] == "400"
    assert f"{result['wall_ratio']:.2f}×" in table[1]
    walls = [p["wall_ratio"] for p in result["pairs"]]
    assert f"{min(walls):.2f}–{max(walls):.2f}" in table[1]
    assert "peak MB" in table[0]
    assert table[1].endswith(f" {result['import_peak_mb']:.0f}")


def test_fewer_than_three_pairs_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 3"):
        ab.measure(tmp_path / "unused.txt", 200, pairs=2)
    with pytest.raises(SystemExit) as usage:
        ab.main(["--pairs", "2"])
    assert usage.value.code == 2
