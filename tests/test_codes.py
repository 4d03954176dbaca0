import pytest

from finder.catalog.validate import validate_dir
from finder.municipalities.codes import check_digit, is_valid_code

# The five cities, with the check digits published with their codes (e.g. Wikipedia's "08203-1").
CITY_CODES = {"土浦市": "082031", "潟上市": "052116", "笠間市": "082163", "つくば市": "082201", "神栖市": "082325"}


@pytest.mark.parametrize("name,code", CITY_CODES.items())
def test_city_codes_have_valid_check_digits(name, code):
    assert is_valid_code(code), name
    assert check_digit(code[:5]) == int(code[5])


@pytest.mark.parametrize("code", ["131016", "011002", "271004", "472018", "012131", "012173"])
def test_other_known_codes(code):
    # 千代田区, 札幌市, 大阪市, 那覇市, 苫小牧市 (sum divisible by 11), 江別市: 総務省 list.
    assert is_valid_code(code)


@pytest.mark.parametrize("code", ["082032", "08203", "0820311", "08203a", "０８２０３１", ""])
def test_bad_codes_rejected(code):
    assert not is_valid_code(code)


def test_catalog_cities_are_the_five(tmp_path):
    from finder.live.loader import DATA_DIR
    from finder.municipalities.catalog_row import IMPORTED_MARK

    result = validate_dir(DATA_DIR)
    rows = [r for r in result.tables["municipalities.csv"].rows if not r["source"].endswith(IMPORTED_MARK)]
    assert {r["name"]: r["code"] for r in rows} == CITY_CODES  # the others came with 東京都's Wi-Fi list
