import pytest

from octavo_tags import Page, paginate


def test_empty_list_has_one_empty_page() -> None:
    assert paginate([], 10) == (Page(number=1, total=1, items=()),)
    (only,) = paginate([], 10)
    assert not only.has_previous
    assert not only.has_next


def test_exact_multiple_fills_every_page() -> None:
    pages = paginate(range(6), 3)

    assert [page.items for page in pages] == [(0, 1, 2), (3, 4, 5)]
    assert [page.total for page in pages] == [2, 2]


def test_remainder_goes_on_a_last_short_page() -> None:
    pages = paginate("abcdefg", 3)

    assert [page.number for page in pages] == [1, 2, 3]
    assert pages[-1].items == ("g",)
    assert [(page.has_previous, page.has_next) for page in pages] == [
        (False, True),
        (True, True),
        (True, False),
    ]


def test_one_item_per_page() -> None:
    assert [page.items for page in paginate(["x", "y"], 1)] == [("x",), ("y",)]


@pytest.mark.parametrize("per_page", [0, -1])
def test_page_size_below_one_is_refused(per_page: int) -> None:
    with pytest.raises(ValueError, match="per_page"):
        paginate([1, 2], per_page)
