"""Folding and document numbers agree between Python (both engines) and SQL (PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from search.parsing import parse
from search.text import doc_number_key, doc_numbers_in, fold, words

pytestmark = pytest.mark.django_db

VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)


def sql(function: str, text: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s)", [text])
        return cursor.fetchone()[0]


def test_fold_examples():
    assert fold("Thông báo KẾT LUẬN của Đảng ủy") == "thong bao ket luan cua dang uy"
    assert fold("Ðiện") == "dien"  # the Icelandic capital eth, often typed for Đ
    assert fold("Tho\u0302ng") == "thong"  # decomposed input


def test_sql_fold_matches_python_on_the_vietnamese_alphabet():
    alphabet = VIETNAMESE + VIETNAMESE.upper()
    assert sql("portal_search_fold", alphabet) == fold(alphabet)


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " -/0123456789"), max_size=40
    )
)
def test_sql_and_python_agree_on_words_and_doc_numbers(text):
    assert sql("portal_search_words", sql("portal_search_fold", text)).split() == words(fold(text))
    assert sql("portal_search_doc_key", text) == doc_number_key(text)


def test_document_numbers_in_queries():
    assert doc_numbers_in("thông báo 374 - TB/HU và 164/TB-UBND") == ["374TBHU", "164TBUBND"]
    assert doc_numbers_in("ngày 12/2024") == []  # a date is not a document number
    assert doc_number_key("01-TB/BCĐ") == doc_number_key("01 - tb/bcd") == "01TBBCD"


def test_parse_phrases_and_exclusions():
    parsed = parse('"công nghệ thông tin" chuyển đổi -số 374 -TB/HU "một"')
    assert parsed.phrases == (("công", "nghệ", "thông", "tin"),)
    assert parsed.words == ("chuyển", "đổi", "374", "tb", "hu", "một")
    assert parsed.excluded == ("số",)
    assert parsed.doc_keys == ("374TBHU",)
