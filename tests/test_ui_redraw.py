"""The debounced redraws (``ui.redraw``): one redraw per burst of changes, and the heavy
pictures drawn once the page is built, with or without a kernel's event loop."""

from __future__ import annotations

import asyncio

import pytest

from networking_kit.ui.redraw import Redraws, flush_all, page_is_ready


def test_without_an_event_loop_a_first_drawing_is_done_at_once() -> None:
    drawn: list[str] = []
    redraws = Redraws()
    redraws.after_page("map", lambda: drawn.append("map"))
    assert drawn == ["map"]
    assert redraws.pending == []


def test_a_failed_drawing_goes_to_on_error_and_the_others_still_draw() -> None:
    errors: list[BaseException] = []
    drawn: list[str] = []
    redraws = Redraws(on_error=errors.append)

    def broken() -> None:
        raise RuntimeError("no picture")

    redraws.request("map", broken)
    redraws.request("numbers", lambda: drawn.append("numbers"))
    redraws.flush()
    assert drawn == ["numbers"]
    assert isinstance(errors[0], RuntimeError)
    with pytest.raises(RuntimeError):
        Redraws().after_page("map", broken)  # no on_error: the error is the caller's


def test_in_a_kernel_the_pictures_wait_for_the_last_cell_of_the_page() -> None:
    drawn: list[str] = []
    said: list[str] = []

    async def page() -> Redraws:
        redraws = Redraws(delay_ms=50)
        redraws.after_page("map", lambda: drawn.append("map"), lambda: said.append("Drawing"))
        assert (drawn, said) == ([], ["Drawing"])  # said at once, drawn later
        for _cell in range(3):  # slow cells, with pauses between them longer than 50 ms
            await asyncio.sleep(0.1)
            redraws.postpone()
            assert drawn == []
        page_is_ready()  # the last cell
        assert drawn == []
        await asyncio.sleep(0.2)  # the kernel is idle: the pictures are drawn
        return redraws

    redraws = asyncio.run(page())
    assert drawn == ["map"]
    assert redraws.pending == []


def test_run_a_cell_at_a_time_the_pictures_come_a_moment_after_the_last(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from networking_kit.ui import redraw

    monkeypatch.setattr(redraw, "PAGE_WAIT_MS", 100)
    drawn: list[str] = []

    async def cells() -> None:
        redraws = Redraws(delay_ms=10)
        redraws.after_page("map", lambda: drawn.append("map"))
        await asyncio.sleep(0.05)
        redraws.postpone()
        await asyncio.sleep(0.07)  # 120 ms after the first cell, 70 after the last
        assert drawn == []
        await asyncio.sleep(0.1)

    asyncio.run(cells())
    assert drawn == ["map"]


def test_a_drawing_asked_for_again_by_an_earlier_one_in_a_flush_runs_once() -> None:
    """Step 3's plan, made once the page is built, changes what the check-in shows: the
    check-in waiting in the same flush runs once, after the plan, not again after the
    debounce; one asked for again after it ran waits for the timer."""
    drawn: list[str] = []

    async def page() -> Redraws:
        redraws = Redraws(delay_ms=60_000)

        def check_in() -> None:
            drawn.append("check-in")
            redraws.request("plan", lambda: drawn.append("plan again"))

        def plan() -> None:
            drawn.append("plan")
            redraws.request("check-in", check_in)

        redraws.after_page("plan", plan)
        redraws.after_page("check-in", lambda: drawn.append("first check-in"))
        redraws.flush()
        return redraws

    redraws = asyncio.run(page())
    assert drawn == ["plan", "check-in"]
    assert redraws.pending == ["plan"]
    redraws.flush()
    assert drawn == ["plan", "check-in", "plan again"]


def test_flush_all_draws_what_waits_on_every_page() -> None:
    drawn: list[str] = []

    async def two_pages() -> list[Redraws]:
        pages = [Redraws(delay_ms=60_000), Redraws(delay_ms=60_000)]
        pages[0].after_page("map", lambda: drawn.append("map"))
        pages[1].after_page("keep warm", lambda: drawn.append("keep warm"))
        flush_all()
        return pages

    pages = asyncio.run(two_pages())
    assert sorted(drawn) == ["keep warm", "map"]
    assert all(p.pending == [] for p in pages)


def test_a_page_follows_other_windows_on_its_event_loop(
        workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    from networking_kit.steps._session import Change
    from networking_kit.steps.sample import use_sample
    from networking_kit.store import open_workbook
    from networking_kit.ui import redraw
    from networking_kit.ui.followups import FollowupWorkbook

    use_sample(workbook)
    monkeypatch.setattr(redraw, "POLL_SECONDS", 0.05)
    heard: list[frozenset[Change]] = []

    async def open_step_3_then_sort_in_another_window() -> None:
        step = FollowupWorkbook(workbook)  # step 3, in this kernel
        step.session.listen(lambda event: heard.append(event.topics))
        other = open_workbook(workbook.path)  # step 2, in another tab's kernel
        first = str(other.load_contacts()["contact_id"].iloc[0])
        other.patch_contacts({first: {"notes": "met at the library"}})
        for _ in range(100):
            await asyncio.sleep(0.02)
            if heard:
                break
        assert step.session.contacts.set_index("contact_id").at[first, "notes"] == (
            "met at the library")

    asyncio.run(open_step_3_then_sort_in_another_window())
    assert any(Change.CONTACTS in topics for topics in heard)
