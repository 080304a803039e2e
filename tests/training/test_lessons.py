"""Each lesson, run headless as shipped for its stated budget, shows the effect it promises."""

import pytest

from nnsim.spec import load_project
from nnsim.training.lessons import LESSONS, run_lesson


_TRAINED: dict = {}  # lessons sharing a project train it once per test session


@pytest.mark.timeout(600)
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.id)
def test_lesson_shows_its_effect(lesson):
    for path in lesson.project_paths():
        load_project(path)  # every project of the lesson ships and opens
    result = run_lesson(lesson, cache=_TRAINED)
    assert result.ok, f"{lesson.id}: promised '{lesson.claim}', measured: {result.summary}"
    assert result.summary and all(v == v for v in result.figures.values())


def test_lessons_have_text_to_read():
    for lesson in LESSONS:
        assert lesson.title and lesson.intro and lesson.try_ and lesson.watch and lesson.claim
        assert lesson.budget > 0 and lesson.panels
