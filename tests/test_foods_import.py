from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from foods_data import FDC_FIXTURE, SR28, catalog, sr28_path  # noqa: F401
from symptom_decoder.foods import sr28
from symptom_decoder.foods.catalog import Catalog
from symptom_decoder.foods.database import FoodDatabase, FoodDataError
from symptom_decoder.foods.importer import import_foods


@pytest.mark.parametrize(
    ("ndb", "fdc_id", "description", "magnesium", "calcium", "iron"),
    [
        pytest.param(11457, 168462, "Spinach, raw", 79.0, 99.0, 2.71, id="spinach-raw"),
        pytest.param(12061, 170567, "Nuts, almonds", 270.0, 269.0, 3.71, id="almonds"),
        pytest.param(
            12014, 170556, "Seeds, pumpkin and squash seed kernels, dried", 592.0, 46.0, 8.82,
            id="pumpkin-seed-kernels",
        ),
        pytest.param(
            11458, 168463, "Spinach, cooked, boiled, drained, without salt", 87.0, 136.0, 3.57,
            id="spinach-cooked",
        ),
        pytest.param(
            16070, 172421, "Lentils, mature seeds, cooked, boiled, without salt", 36.0, 19.0,
            3.33, id="lentils-cooked",
        ),
    ],
)
def test_it_matches_known_fdc_values(
    catalog: Catalog,  # noqa: F811
    ndb: int,
    fdc_id: int,
    description: str,
    magnesium: float,
    calcium: float,
    iron: float,
) -> None:
    food = catalog.food(fdc_id)
    assert food is not None
    assert (food.id, food.fdc_id, food.description) == (ndb, fdc_id, description)
    values = catalog.database.per_100g(ndb)
    assert (values["magnesium_mg"], values["calcium_mg"], values["iron_mg"]) == (
        magnesium, calcium, iron,
    )


def test_it_imports_the_whole_release(catalog: Catalog) -> None:  # noqa: F811
    counts = {
        table: catalog.database.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("food", "nutrient", "portion", "food_group", "nutrient_def")
    }
    assert counts == {
        "food": 8789, "nutrient": 679045, "portion": 15438, "food_group": 25, "nutrient_def": 150,
    }
    assert catalog.database.meta["release"] == sr28.RELEASE


def test_it_keeps_vitamin_d_caffeine_and_portions(catalog: Catalog) -> None:  # noqa: F811
    assert catalog.database.per_100g(1077, ["vitamin_d_iu"]) == {"vitamin_d_iu": 51.0}
    assert catalog.database.per_100g(14209, ["caffeine_mg"]) == {"caffeine_mg": 40.0}
    labels = {p.label: p.grams for p in catalog.portions(11457)}
    assert labels == {"1 cup": 30.0, "1 bunch": 340.0, "1 leaf": 10.0,
                      "1 package (10 oz)": 284.0, "100 g": 100.0}


def test_it_says_unknown_when_usda_has_no_value(catalog: Catalog) -> None:  # noqa: F811
    row = catalog.database.connection.execute(
        "SELECT id FROM food WHERE id NOT IN (SELECT food_id FROM nutrient WHERE number = '304')"
        " ORDER BY id LIMIT 1"
    ).fetchone()
    assert catalog.database.per_100g(row[0], ["magnesium_mg"]) == {"magnesium_mg": None}


def test_it_reads_the_fooddata_central_csv_layout(tmp_path: Path) -> None:
    target = tmp_path / "foods.sqlite3"
    summary = import_foods(FDC_FIXTURE, target)
    assert summary.foods == 4
    assert summary.release == "FoodData Central FNDDS + Foundation Foods + SR Legacy"
    db = FoodDatabase(target)
    spinach = db.food(168462)
    assert spinach is not None and spinach.id == 11457 and spinach.ndb_no == "11457"
    assert spinach.group_name == "Vegetables and Vegetable Products"
    assert db.per_100g(11457, ["magnesium_mg", "water_g"]) == {
        "magnesium_mg": 79.0, "water_g": 91.4,
    }
    assert [(p.label, p.grams) for p in db.portions(12061)] == [
        ("1 cup, whole", 143.0), ("1 oz (23 whole kernels)", 28.35),
    ]
    hummus = db.food(900001)
    assert hummus is not None and hummus.id == 16158 and hummus.source == "foundation"
    assert db.per_100g(16158, ["energy_kcal", "caffeine_mg"]) == {
        "energy_kcal": 240.0, "caffeine_mg": None,
    }
    assert [p.label for p in db.portions(16158)] == ["1 tablespoon"]
    banana = db.food(900002)
    assert banana is not None and banana.id == 900002 and banana.group_name == "Bananas"
    assert [(p.label, p.grams) for p in db.portions(900002)] == [
        ('1 medium (7" to 7-7/8" long)', 118.0), ("1 serving", 118.0), ("0.5 cup, sliced", 75.0),
    ]
    assert db.food(900003) is None, "branded foods are skipped"
    assert db.food(900004) is None, "lab sub-samples are skipped"


def test_it_reads_a_zip_download(tmp_path: Path) -> None:
    archive = tmp_path / "FoodData_Central_csv.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in FDC_FIXTURE.glob("*.csv"):
            out.write(path, f"FoodData_Central_sr_legacy_food_csv_2018-04/{path.name}")
    summary = import_foods(archive, tmp_path / "foods.sqlite3")
    assert summary.foods == 4


def test_it_reads_the_sr28_zip(tmp_path: Path) -> None:
    archive = tmp_path / "sr28asc.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for name in ("FOOD_DES.txt", "NUT_DATA.txt", "WEIGHT.txt", "FD_GROUP.txt", "NUTR_DEF.txt"):
            out.write(SR28 / name, name)
    summary = import_foods(archive, tmp_path / "foods.sqlite3")
    assert (summary.foods, summary.nutrient_values) == (8789, 679045)


def _copy_fixture(tmp_path: Path) -> Path:
    source = tmp_path / "fdc"
    shutil.copytree(FDC_FIXTURE, source)
    return source


def test_it_leaves_the_previous_database_when_an_import_fails(
    tmp_path: Path, sr28_path: Path  # noqa: F811
) -> None:
    target = tmp_path / "foods.sqlite3"
    shutil.copy(sr28_path, target)
    broken = _copy_fixture(tmp_path)
    (broken / "food_nutrient.csv").write_text('"id","fdc_id","nutrient_id"\n"1","168462","1090"\n')
    with pytest.raises(FoodDataError, match="food_nutrient.csv lacks the column"):
        import_foods(broken, target)
    assert FoodDatabase(target).food(12014) is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fdc", "foods.sqlite3"]


def test_it_leaves_the_previous_database_when_interrupted(
    tmp_path: Path, sr28_path: Path  # noqa: F811
) -> None:
    target = tmp_path / "foods.sqlite3"
    shutil.copy(sr28_path, target)
    before = target.read_bytes()

    def interrupt(stage: str, done: int, total: int) -> None:
        if stage == "Reading nutrient values" and done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_foods(SR28, target, progress=interrupt)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["foods.sqlite3"]


def test_it_replaces_the_database_when_an_import_succeeds(
    tmp_path: Path, sr28_path: Path  # noqa: F811
) -> None:
    target = tmp_path / "foods.sqlite3"
    shutil.copy(sr28_path, target)
    reader = sqlite3.connect(target)
    import_foods(FDC_FIXTURE, target)
    assert FoodDatabase(target).food(12014) is None
    assert reader.execute("SELECT count(*) FROM food").fetchone()[0] == 8789, (
        "a reader that had the old file open keeps reading it"
    )
    reader.close()


def test_it_refuses_a_folder_that_is_not_a_usda_release(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(FoodDataError, match="does not look like a USDA release"):
        import_foods(tmp_path, tmp_path / "foods.sqlite3")
    with pytest.raises(FoodDataError, match="does not exist"):
        import_foods(tmp_path / "nowhere", tmp_path / "foods.sqlite3")


def test_it_reports_unreadable_values_and_keeps_the_previous_database(
    tmp_path: Path, sr28_path: Path  # noqa: F811
) -> None:
    target = tmp_path / "foods.sqlite3"
    shutil.copy(sr28_path, target)
    broken = tmp_path / "sr28"
    broken.mkdir()
    (broken / "FOOD_DES.txt").write_bytes(b"~11457~^~1100~^~Spinach, raw~^~SPINACH,RAW~\r\n")
    (broken / "NUT_DATA.txt").write_bytes(b"~11457~^~304~^seventy-nine^7\r\n")
    with pytest.raises(FoodDataError, match="could not be read as a USDA release"):
        import_foods(broken, target)
    assert FoodDatabase(target).food(12014) is not None


def test_it_asks_for_a_new_import_when_the_file_is_not_a_current_food_database(
    tmp_path: Path, sr28_path: Path  # noqa: F811
) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    with pytest.raises(FoodDataError, match="is not a food database"):
        FoodDatabase(junk)
    old = tmp_path / "old.sqlite3"
    shutil.copy(sr28_path, old)
    with sqlite3.connect(old) as connection:
        connection.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(FoodDataError, match="made by another version"):
        FoodDatabase(old)


def test_it_clears_what_a_killed_import_left_behind(tmp_path: Path) -> None:
    import os

    stale = tmp_path / ".foods.sqlite3.abc123.building"
    fresh = tmp_path / ".foods.sqlite3.def456.building"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(stale, (1, 1))
    import_foods(FDC_FIXTURE, tmp_path / "foods.sqlite3")
    assert not stale.exists()
    assert fresh.exists(), "another import may still be building this one"
