import pytest

from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.errors import SourceDataError
from lokalagenda.core.geography import NameLanguage
from lokalagenda.core.sources import reference


@pytest.fixture(scope="module")
def bundle(data_dir):
    return DataDirectory(data_dir)


def test_real_bundle_has_the_whole_framework(bundle):
    assert len(reference.read_goals(bundle)) == 17
    assert len(reference.read_targets(bundle)) == 169
    indicators = reference.read_indicators(bundle)
    assert len(indicators) == 252 and len({i.title_en for i in indicators}) == 235


def test_real_bundle_has_all_kommuner_and_fylker_of_2024(bundle):
    kommuner = {k.number.code: k for k in reference.read_kommuner(bundle)}
    fylker = reference.read_fylker(bundle)
    assert len(kommuner) == 357 and len(fylker) == 15
    oslo = {form.language: form.name for form in kommuner["0301"].name_forms}
    assert oslo[NameLanguage.SAMI] == "Oslove" and kommuner["0301"].fylke.code == "03"
    porsanger = {form.language: form.name for form in kommuner["5622"].name_forms}
    assert porsanger == {NameLanguage.NORWEGIAN: "Porsanger", NameLanguage.SAMI: "Porsáŋgu",
                         NameLanguage.KVEN: "Porsanki"}


def test_population_in_2024_adds_up_to_the_official_total(bundle):
    total = sum(row.total for row in reference.read_population(bundle) if row.year == 2024)
    assert total == 5_550_203


def test_every_kommune_has_a_boundary(bundle):
    shapes = reference.read_boundaries(bundle, reference.KOMMUNE_BOUNDARIES, "kommunenummer")
    assert {k.number.code for k in reference.read_kommuner(bundle)} == set(shapes)


def _bundle_with(tmp_path, relative, text):
    (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / relative).write_text(text, encoding="utf-8")
    return DataDirectory(tmp_path)


def test_bad_cells_are_reported_with_file_row_and_column(tmp_path):
    data = _bundle_with(tmp_path, reference.TARGETS, (
        "code,goal,target,title_en,title_nb,nb_quality_flag\n"
        "1.1,1,1,End poverty,Utrydde fattigdom,\n"
        "1.x1,1,x,Bad code,Feil kode,\n"
        "1.2,1,2,,Halvere fattigdom,\n"
    ))
    with pytest.raises(SourceDataError) as caught:
        reference.read_targets(data)
    problems = [(location.row, location.column) for location, _message in caught.value.problems]
    assert problems == [(3, "code"), (4, "title_en")]
    assert "targets.csv, row 3, column 'code'" in str(caught.value)


def test_missing_column_is_reported_on_the_header_row(tmp_path):
    data = _bundle_with(tmp_path, reference.GOALS, "number,short_en\n1,No poverty\n")
    with pytest.raises(SourceDataError, match="row 1: missing column"):
        reference.read_goals(data)


def test_duplicate_key_is_reported(tmp_path):
    data = _bundle_with(tmp_path, reference.CODE_CHANGES, (
        "old_code,code_2024,weighting,valid_from_year,valid_to_year\n"
        "0219,3201,1.0,1940,2019\n0219,3201,1.0,1940,2019\n"
    ))
    with pytest.raises(SourceDataError, match="duplicate old_code/new_code/valid_from_year 0219, 3201, 1940"):
        reference.read_code_changes(data)
