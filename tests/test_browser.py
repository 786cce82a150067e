"""Browser smoke test: a participant opens 00_start_here in a real Chromium and is remembered.

For each way of running the workshop (``networking-kit app``: Voila, code hidden;
``networking-kit start``: JupyterLab) this starts the real server on a free port with a
throw-away workbook file, then in the browser: the welcome form renders without error
output, the name typed in is saved to the workbook file, a reload shows it again, and
choosing the sample participant fills the workbook with its 150 contacts. It also checks
the server's two promises: a token is required, and it listens on 127.0.0.1 only.

Screenshots go to test-artifacts/browser/ (gitignored), with each page's console log and
any request the page tried to make to another machine (blocked here, and listed there).
Skipped, with the reason, when there is no Chromium: never a silent pass.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import (
    ARTIFACTS,
    CHROMIUM_ARGS,
    LOCALHOST,
    MAP_NOTEBOOK,
    REPO,
    SAVE_TIMEOUT,
    START_NOTEBOOK,
    Server,
    assert_loopback_only,
    assert_refused_without_token,
    contacts_added_by_hand,
    count_contacts,
    linkedin_workbook,
    read_profile,
    running,
    wait_for,
)
from playwright.sync_api import Locator, Page, Route, expect, sync_playwright

from networking_kit.settings import MAP_SORTED_ENOUGH

pytestmark = pytest.mark.browser

SAMPLE_CONTACTS = 150
RENDER_TIMEOUT_MS = 60_000
STDERR_OUTPUT = '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'
SAMPLE_CHOICE = "Practise with the sample"
BEFORE_RUN = ".nk-before-run"  # the title's "how to run this page" line
FINISHED_PROMPT = re.compile(r"^\[\d+\]:$")  # "[*]:" while running, "[ ]:" before


@pytest.fixture
def page(chromium: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh Chromium profile that can reach 127.0.0.1 and nothing else."""
    name = request.node.name.removeprefix("test_")
    console: list[str] = []
    blocked: list[str] = []

    def only_local(route: Route) -> None:
        url = route.request.url
        if url.startswith((f"http://{LOCALHOST}:", f"ws://{LOCALHOST}:", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=chromium, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900})
        try:
            context.route("**/*", only_local)
            opened = context.pages[0] if context.pages else context.new_page()
            opened.on("console", lambda message: console.append(
                f"[{message.type}] {message.text}"))
            opened.on("pageerror", lambda error: console.append(f"[pageerror] {error}"))
            opened.on("response", lambda response: console.append(
                f"[http {response.status}] {response.request.method} {response.url}")
                if response.status >= 400 else None)
            # Lab asks before leaving a notebook with unsaved changes; a reload means yes.
            opened.on("dialog", lambda dialog: dialog.accept())
            yield opened
        finally:
            (ARTIFACTS / f"{name}-console.log").write_text("\n".join(console) + "\n")
            (ARTIFACTS / f"{name}-blocked-requests.txt").write_text(
                "".join(f"{url}\n" for url in sorted(set(blocked))))
            context.close()


@contextlib.contextmanager
def screenshot_on_failure(page: Page, name: str) -> Iterator[None]:
    (ARTIFACTS / f"{name}-failure.png").unlink(missing_ok=True)
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            page.screenshot(path=ARTIFACTS / f"{name}-failure.png", full_page=True)
        raise


def shoot(page: Page, name: str) -> None:
    # A long page with plotly figures takes a while to capture on a busy machine.
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True, timeout=120_000)


def name_input(page: Page) -> Locator:
    return page.get_by_label("Your name")


def assert_no_error_output(page: Page) -> None:
    expect(page.locator(STDERR_OUTPUT)).to_have_count(0)
    text = page.locator("body").inner_text()
    for sign in ("Traceback", "error when executing", "Internal Server Error"):
        assert sign not in text, f"the page shows {sign!r}"


def fill_name_and_wait_saved(page: Page, db: Path, name: str) -> None:
    field = name_input(page)
    field.fill(name)
    wait_for(f"{name!r} to be saved in {db.name}",
             lambda: read_profile(db, "participant_name") == name, SAVE_TIMEOUT)


def choose_sample_and_wait(page: Page, db: Path) -> None:
    page.get_by_label(SAMPLE_CHOICE).check()
    wait_for(f"{SAMPLE_CONTACTS} sample contacts in {db.name}",
             lambda: count_contacts(db) == SAMPLE_CONTACTS, SAVE_TIMEOUT)
    assert read_profile(db, "start_mode") == "sample"
    expect(page.get_by_text(f"{SAMPLE_CONTACTS} sample contacts are ready")).to_be_visible()


def test_voila_app(page: Page, tmp_path: Path) -> None:
    db = tmp_path / "wb.sqlite"
    server = Server("app", db, ARTIFACTS / "voila-server.log")
    with running(server), screenshot_on_failure(page, "voila-start-here"):
        assert_loopback_only(server.port)
        assert_refused_without_token(server, [server.page_path])

        response = page.goto(server.url)
        assert response is not None
        assert response.ok, f"Voila answered {response.status}"
        expect(name_input(page)).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        assert_no_error_output(page)
        # The app runs the page itself: the line saying how to run it is never shown.
        expect(page.locator(BEFORE_RUN)).to_have_count(1)
        expect(page.locator(BEFORE_RUN)).to_be_hidden()
        shoot(page, "voila-start-here-loaded")

        fill_name_and_wait_saved(page, db, "Ada Lovelace")
        expect(page.get_by_text("Welcome, Ada Lovelace.")).to_be_visible()
        shoot(page, "voila-start-here-filled")

        page.reload()
        expect(name_input(page)).to_have_value("Ada Lovelace", timeout=RENDER_TIMEOUT_MS)
        assert_no_error_output(page)
        shoot(page, "voila-start-here-restored")

        choose_sample_and_wait(page, db)
        shoot(page, "voila-start-here-sample")
    assert server.process is not None
    assert server.process.returncode is not None, "the Voila server did not stop"


STEP_PAGES = (
    ("1. Set your goal", "voila-01-goal"),
    ("2. Map your network", "voila-02-map"),
    ("3. Plan follow-ups", "voila-03-follow-ups"),
    ("4. Your action plan", "voila-04-plan"),
)
DONE_LOADING = ("() => { const s = document.querySelector('#loading');"
                " return !s || getComputedStyle(s).display === 'none'; }")


def test_voila_walks_every_step_from_the_step_bar(page: Page, tmp_path: Path) -> None:
    """A participant's whole path in app mode, on the sample participant's full workbook."""
    from networking_kit.steps.sample import make_sample_workbook

    db = tmp_path / "wb.sqlite"
    make_sample_workbook(db).close()
    server = Server("app", db, ARTIFACTS / "voila-steps-server.log")
    with running(server), screenshot_on_failure(page, "voila-steps"):
        page.goto(server.url)
        expect(page.locator(".nk-steps")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        for link, shot in STEP_PAGES:
            page.locator(".nk-steps a", has_text=link).click()
            expect(page.locator(".nk-steps .nk-here")).to_contain_text(
                link, timeout=RENDER_TIMEOUT_MS)
            page.wait_for_function(DONE_LOADING, timeout=RENDER_TIMEOUT_MS * 2)
            expect(page.locator(".nk-loading")).to_have_count(0, timeout=RENDER_TIMEOUT_MS)
            assert_no_error_output(page)
            shoot(page, shot)
        page.get_by_role("button", name="Plan as a web page").click()
        expect(page.get_by_text("Download my-action-plan.html")).to_be_visible(
            timeout=RENDER_TIMEOUT_MS)
        assert (db.parent / "exports" / "my-action-plan.html").exists()
        shoot(page, "voila-04-plan-exported")


# -- JupyterLab ------------------------------------------------------------------------


def lab_settings(folder: Path) -> dict[str, str]:
    """A fresh Lab user: own settings and workspaces, and no autosave.

    Lab serves the repository's own workbooks/ folder; with autosave on, a long run could
    write the executed notebook, outputs and all, over the committed one.
    """
    docmanager = folder / "settings" / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text('{"autosave": false}\n')
    return {"JUPYTERLAB_SETTINGS_DIR": str(folder / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(folder / "workspaces")}


@contextlib.contextmanager
def workbooks_left_as_they_were() -> Iterator[None]:
    """Fail (after putting it back) if the run changed the committed start notebook."""
    notebook = REPO / "workbooks" / START_NOTEBOOK
    checkpoints = notebook.parent / ".ipynb_checkpoints"
    before = notebook.read_bytes()
    had_checkpoints = checkpoints.exists()
    try:
        yield
    finally:
        if not had_checkpoints:
            shutil.rmtree(checkpoints, ignore_errors=True)
        changed = notebook.read_bytes() != before
        if changed:
            notebook.write_bytes(before)
    assert not changed, f"the Lab run saved over {notebook} (restored it)"


def dismiss_lab_popups(page: Page) -> None:
    """Answer whatever Lab asks a new user: kernel choice (keep the default), news (no)."""
    dialog = page.locator(".jp-Dialog")
    if dialog.count() and dialog.first.is_visible():
        dialog.locator(".jp-mod-accept").first.click()
        expect(dialog).to_have_count(0)
    news = page.locator(".Toastify__toast").get_by_role("button", name="No", exact=True)
    if news.count() and news.first.is_visible():
        news.first.click()


def open_and_run_notebook(page: Page, url: str | None = None) -> None:
    """Open (or reload) the notebook in Lab and wait for its form, which comes by itself.

    The workshop's Lab extension (networking_kit/lab_extension) runs every workbook's cells
    once its kernel is ready, on open and after each reload: no Run All needed.
    """
    response = page.goto(url) if url else page.reload()
    assert response is not None
    assert response.ok, f"Lab answered {response.status}"
    code_prompt = page.locator(".jp-CodeCell .jp-InputPrompt").first
    expect(code_prompt).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    dismiss_lab_popups(page)
    expect(code_prompt).to_have_text(FINISHED_PROMPT, timeout=RENDER_TIMEOUT_MS)
    # Lab draws only the cells in view: go to the form the way a reader would, by
    # scrolling down to it.
    try:
        wait_for("the form below the last code cell", lambda: _scrolled_to_form(page),
                 RENDER_TIMEOUT_MS / 1000, interval=1.0)
    except AssertionError as missing:
        raise AssertionError(f"{missing}; the cells showed: {_cells_in_words(page)}") from None
    dismiss_lab_popups(page)
    expect(page.locator(BEFORE_RUN)).to_be_hidden()  # the step bar's style hides it
    show_form(page)


def _cells_in_words(page: Page) -> str:
    """Each code cell's prompt and the start of its output, for a failure message."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('.jp-CodeCell'),
        cell => (cell.querySelector('.jp-InputPrompt')?.innerText ?? '?') + ' ' +
                JSON.stringify((cell.querySelector('.jp-OutputArea')?.innerText ?? '')
                               .slice(0, 300))).join(' | ')""")


def _scrolled_to_form(page: Page) -> bool:
    page.locator(".jp-CodeCell").last.scroll_into_view_if_needed()
    return name_input(page).count() == 1 and name_input(page).is_visible()


def show_form(page: Page) -> None:
    """Lab scrolls inside its own panel, so a full-page screenshot needs the form centred."""
    page.locator(".nk-status").first.evaluate("e => e.scrollIntoView({block: 'center'})")


def test_jupyterlab(page: Page, tmp_path: Path) -> None:
    db = tmp_path / "wb.sqlite"
    server = Server("start", db, ARTIFACTS / "lab-server.log")
    with (workbooks_left_as_they_were(), running(server, lab_settings(tmp_path / "lab")),
          screenshot_on_failure(page, "lab-start-here")):
        assert_loopback_only(server.port)
        assert_refused_without_token(server, [server.page_path, "/api/contents",
                                              f"/api/contents/{START_NOTEBOOK}"])

        open_and_run_notebook(page, server.url)
        assert_no_error_output(page)
        shoot(page, "lab-start-here-loaded")

        fill_name_and_wait_saved(page, db, "Grace Hopper")
        expect(page.get_by_text("Welcome, Grace Hopper.")).to_be_visible()
        shoot(page, "lab-start-here-filled")

        open_and_run_notebook(page)  # reload: the form comes back by itself, no Run All
        expect(name_input(page)).to_have_value("Grace Hopper")
        assert_no_error_output(page)
        shoot(page, "lab-start-here-restored")

        choose_sample_and_wait(page, db)
        show_form(page)
        shoot(page, "lab-start-here-sample")
    assert server.process is not None
    assert server.process.returncode is not None, "the JupyterLab server did not stop"


# -- A big export through the upload button --------------------------------------------

PHOTO_BYTES = 60_000  # a phone's contact photo, before base64


def write_vcard_with_photos(path: Path, people: int) -> Path:
    """Invented people as a phone writes them: vCard 3.0, CRLF, a folded base64 PHOTO each.

    Phones put every contact's photo in the export, so a few hundred contacts make a file
    well past the 10 MB a Jupyter websocket takes by default.
    """
    import base64
    import random

    rng = random.Random(3)
    cards = []
    for number in range(people):
        photo = base64.b64encode(rng.randbytes(PHOTO_BYTES)).decode()
        folded = "\r\n ".join(photo[i:i + 74] for i in range(0, len(photo), 74))
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"N:Tester{number};Pat;;;\r\nFN:Pat Tester{number}\r\n"
            f"EMAIL;TYPE=INTERNET:pat{number}@example.org\r\n"
            f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\nEND:VCARD\r\n")
    path.write_text("".join(cards), encoding="utf-8", newline="")
    return path


def test_voila_uploads_a_phone_export_larger_than_ten_megabytes(
        page: Page, tmp_path: Path) -> None:
    people = 200
    export = write_vcard_with_photos(tmp_path / "phone-contacts.vcf", people)
    assert export.stat().st_size > 12 * 1024 * 1024
    db = tmp_path / "wb.sqlite"
    server = Server("app", db, ARTIFACTS / "voila-upload-server.log")
    with running(server), screenshot_on_failure(page, "voila-upload"):
        page.goto(server.url.replace(START_NOTEBOOK, "02_map_your_network.ipynb"))
        expect(page.locator(".nk-loading")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        page.wait_for_function(DONE_LOADING, timeout=RENDER_TIMEOUT_MS * 2)
        expect(page.locator(".nk-loading")).to_have_count(0, timeout=RENDER_TIMEOUT_MS)
        with page.expect_file_chooser() as chooser:
            page.locator(".widget-upload").click()
        chooser.value.set_files(export)
        expect(page.get_by_text("phone-contacts.vcf: ")).to_be_visible(
            timeout=RENDER_TIMEOUT_MS)
        page.get_by_role("button", name=re.compile(r"^\W*Import$")).click()
        expect(page.get_by_text(f"Your workbook now holds {people} contacts")).to_be_visible(
            timeout=RENDER_TIMEOUT_MS)
        assert count_contacts(db) == people
        assert_no_error_output(page)
        shoot(page, "voila-upload-large-vcard")


BIG_EXPORT_PEOPLE = 300_000  # about 30 MB: read for several seconds, long enough to stop


def test_voila_cancel_during_a_big_import_leaves_the_workbook_as_it_was(
        page: Page, tmp_path: Path) -> None:
    """The reading runs in a thread of the page's kernel, so Cancel is heard while it
    runs; the workbook keeps its 20 people and no backup is begun."""
    from browser import write_linkedin_export

    from networking_kit.store.versions import backups_folder

    db = tmp_path / "wb.sqlite"
    linkedin_workbook(db, 20, tmp_path)
    export = write_linkedin_export(tmp_path / "Connections-big.csv", BIG_EXPORT_PEOPLE)
    assert export.stat().st_size > 2 * 1024 * 1024
    server = Server("app", db, ARTIFACTS / "voila-cancel-server.log")
    with running(server), screenshot_on_failure(page, "voila-import-cancel"):
        open_map_page(page, server)
        backups = sorted(backups_folder(db).iterdir())  # with the day's first-open copy
        with page.expect_file_chooser() as chooser:
            page.locator(".widget-upload").click()
        chooser.value.set_files(export)
        expect(page.get_by_text("Connections-big.csv: ")).to_be_visible(
            timeout=RENDER_TIMEOUT_MS)
        page.get_by_role("button", name=re.compile(r"^\W*Import$")).click()
        # No pause from here to Cancel (not even a screenshot): 300,000 rows are read in a
        # few seconds, and once they are being saved a click waits for the saving to end.
        expect(page.get_by_text("Reading the file (")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        cancel = page.get_by_role("button", name=re.compile(r"^\W*Cancel$"))
        expect(cancel).to_be_visible()
        page.get_by_role("button", name=re.compile(r"^\W*Import$")).click()
        expect(page.get_by_text("An import is already running")).to_be_visible(
            timeout=RENDER_TIMEOUT_MS)
        cancel.click()
        expect(page.get_by_text("Stopped: nothing was imported, and your workbook is "
                                "exactly as it was.")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        expect(cancel).to_be_hidden(timeout=RENDER_TIMEOUT_MS * 2)  # the thread has ended
        shoot(page, "voila-02-import-cancelled")
        assert count_contacts(db) == 20
        assert sorted(backups_folder(db).iterdir()) == backups  # no backup begun
        assert_no_error_output(page)


# -- Step 2: add by hand at typing speed, and every section following a sort -------------

LINKEDIN_PEOPLE = 300
# Saves and redraws answer in well under a second on a quiet machine; a loaded CI runner
# (several browser tests at once) is given far longer, since speed is benchmarks' job.
FOLLOW_TIMEOUT = 120.0
KEY_DELAY_MS = 100  # a steady typist: 80–120 ms a key
NAME_BOX = "e.g. Priya Shah, then Enter"
# Ten people typed one after the other; a few get a closeness or a where-from, chosen
# after the name and before Enter, as the form reads from top to bottom.
TYPED: tuple[tuple[str, str | None, str | None], ...] = (
    ("Bob Slow", None, None),
    ("Carol Medium", "close", None),
    ("Petra Neumann", None, None),
    ("Oliver Grant", None, "community"),
    ("Ana María López", "closest", "former_colleague"),
    ("Dev Patel", None, None),
    ("Zoë Ng", "dormant", None),
    ("Hiro Tanaka", None, None),
    ("Kemi Adeyemi", None, "alumni"),
    ("Jonas Berg", None, None),
)
STRENGTH_OPTION = {"close": "Close — people I trust and talk to often",
                   "closest": "Closest — the handful I would call first",
                   "dormant": "Dormant — we were in touch once, not lately"}
CONTEXT_OPTION = {"community": "Community or volunteering",
                  "former_colleague": "Former colleague", "alumni": "School or university"}


def open_map_page(page: Page, server: Server) -> None:
    page.goto(server.url.replace(START_NOTEBOOK, MAP_NOTEBOOK))
    page.wait_for_function(DONE_LOADING, timeout=RENDER_TIMEOUT_MS * 3)
    # Voila draws cells as they run: the step bar (and its "getting ready" note) must be on
    # the page before "no note" means the last cell has run.
    expect(page.locator(".nk-steps")).to_be_visible(timeout=RENDER_TIMEOUT_MS * 3)
    expect(page.get_by_text("Your map in three lines")).to_be_visible(
        timeout=RENDER_TIMEOUT_MS * 3)
    expect(page.locator(".nk-loading")).to_have_count(0, timeout=RENDER_TIMEOUT_MS * 3)
    expect(page.get_by_placeholder(NAME_BOX)).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    assert_no_error_output(page)


def dropdown(page: Page, description: str) -> Locator:
    return page.locator(".widget-dropdown", has_text=description).locator("select")


def test_voila_adds_ten_people_typed_at_human_speed(page: Page, tmp_path: Path) -> None:
    db = tmp_path / "wb.sqlite"
    linkedin_workbook(db, LINKEDIN_PEOPLE, tmp_path)
    server = Server("app", db, ARTIFACTS / "voila-add-by-hand-server.log")
    with running(server), screenshot_on_failure(page, "voila-add-by-hand"):
        open_map_page(page, server)
        name_box = page.get_by_placeholder(NAME_BOX)
        name_box.click()
        for name, strength, context in TYPED:
            page.keyboard.type(name, delay=KEY_DELAY_MS)
            if strength or context:
                if strength:
                    dropdown(page, "How close").select_option(label=STRENGTH_OPTION[strength])
                if context:
                    dropdown(page, "Where you know them from").select_option(
                        label=CONTEXT_OPTION[context])
                name_box.click()
            page.keyboard.press("Enter")  # and straight on to the next name, no pause
        wait_for(f"{len(TYPED)} people added by hand",
                 lambda: len(contacts_added_by_hand(db)) >= len(TYPED), FOLLOW_TIMEOUT)
        expect(page.get_by_text("Added Jonas Berg. Type the next name.")).to_be_visible(
            timeout=FOLLOW_TIMEOUT * 1000)
        expect(name_box).to_have_value("")
        assert_no_error_output(page)
        shoot(page, "voila-02-added-ten-by-hand")
    saved = contacts_added_by_hand(db)
    assert saved == {name: {"strength": strength, "context": context, "tags": None}
                     for name, strength, context in TYPED}
    assert count_contacts(db) == LINKEDIN_PEOPLE + len(TYPED)


SORTED = (("close", 5), ("dormant", 5))  # closeness button, how many people


def test_voila_every_section_follows_ten_sorting_clicks(page: Page, tmp_path: Path) -> None:
    db = tmp_path / "wb.sqlite"
    linkedin_workbook(db, LINKEDIN_PEOPLE, tmp_path)
    server = Server("app", db, ARTIFACTS / "voila-sorting-server.log")
    with running(server), screenshot_on_failure(page, "voila-sorting"):
        open_map_page(page, server)
        count = page.get_by_text(re.compile(r"^Your map holds"))
        expect(count).to_have_text(
            f"Your map holds {LINKEDIN_PEOPLE} people; 0 of them have a closeness. Give "
            f"{MAP_SORTED_ENOUGH} more people a closeness to finish this step.")
        expect(page.get_by_text("Nobody has gone cold: well kept.")).to_be_visible()
        ring_labels = page.locator(".js-plotly-plot .annotation-text")
        expect(ring_labels.filter(has_text="Dormant")).to_have_count(0)
        shoot(page, "voila-02-before-sorting")

        rows = page.locator(".nk-closeness")
        dormant_names = []
        number = 0
        for strength, people in SORTED:
            for _ in range(people):
                row = rows.nth(number)
                if strength == "dormant":
                    dormant_names.append(row.locator("xpath=..").locator("b").first
                                         .inner_text())
                row.locator("button", has_text=re.compile(f"^{strength.capitalize()}$")).click()
                number += 1

        sorted_people = sum(people for _, people in SORTED)
        expect(count).to_have_text(
            f"Your map holds {LINKEDIN_PEOPLE} people; {sorted_people} of them have a "
            f"closeness. Give {MAP_SORTED_ENOUGH - sorted_people} more people a closeness "
            "to finish this step.", timeout=FOLLOW_TIMEOUT * 1000)
        expect(page.locator(".nk-metrics").first).to_contain_text("5 close · 5 in all")
        rewarm = page.locator("ol", has=page.get_by_text(dormant_names[0], exact=True))
        for name in dormant_names:
            expect(page.get_by_text(name, exact=True).last).to_be_visible()
        expect(rewarm.first).to_be_visible()
        expect(page.get_by_text("Nobody has gone cold: well kept.")).to_have_count(0)
        # The map redraws by itself (debounced): the rings for the new closeness appear.
        expect(ring_labels.filter(has_text="Dormant")).to_have_count(
            1, timeout=FOLLOW_TIMEOUT * 1000)
        expect(ring_labels.filter(has_text=re.compile(r"^Close$"))).to_have_count(1)
        expect(page.get_by_text("Updating the map…")).to_have_count(
            0, timeout=FOLLOW_TIMEOUT * 1000)
        assert page.get_by_role("button", name=re.compile("Refresh|Update|Look again")
                                ).count() == 0
        assert_no_error_output(page)
        shoot(page, "voila-02-after-sorting")
