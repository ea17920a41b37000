"""A list's projects are picked from the facet index as a ``Selection``: a page (a slice) gives
exactly the ids that stepping through the whole list would give, wherever it falls."""

import random

from register.facet_index import Selection


def selection(size: int, chosen: float, seed: int) -> Selection:
    rng = random.Random(seed)
    ordered = rng.sample(range(1, size * 3), size)
    return Selection(ordered, bytes(rng.random() < chosen for _ in range(size)))


def test_every_page_is_the_slice_of_the_whole_list():
    for size, chosen in ((0, 0.5), (1, 1.0), (7, 0.0), (50, 0.3), (203, 0.9), (1000, 0.05)):
        picked = selection(size, chosen, seed=size)
        every = list(picked)
        assert len(picked) == len(every)
        for page_size in (1, 7, 20):
            for start in range(0, len(every) + 2 * page_size, page_size):
                assert picked[start : start + page_size] == every[start : start + page_size]


def test_the_order_is_kept_and_only_the_chosen_are_given():
    picked = Selection([30, 10, 20, 50, 40], bytes([1, 0, 1, 1, 0]))
    assert list(picked) == [30, 20, 50]
    assert picked[1:3] == [20, 50]
    assert picked[2:10] == [50]
    assert picked[3:5] == []
