"""The shared stylesheet: a focus ring you can see, notes in the page's font, and the
small-screen rules."""

from __future__ import annotations

import re

from networking_kit.ui.page_style import FOCUS_COLOUR, NARROW_PX, PAGE_CSS, page_style


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(hex_colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_on_known_pairs() -> None:
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast("#777777", "#FFFFFF"), 2) == 4.48


def test_the_focus_ring_stands_out_on_every_ground_the_pages_use() -> None:
    # White pages, the light grey of cards and the step bar, Jupyter's light widget grey.
    for ground in ("#FFFFFF", "#F0F4F8", "#EEEEEE"):
        assert contrast(FOCUS_COLOUR, ground) >= 3.0, ground
    ring = re.search(r"outline: (\d+)px solid (#[0-9A-Fa-f]{6})", PAGE_CSS)
    assert ring is not None
    assert int(ring.group(1)) >= 2  # WCAG 2.2 focus appearance: at least 2 px
    assert ring.group(2) == FOCUS_COLOUR


def test_notes_are_in_the_page_font_not_monospace() -> None:
    rule = re.search(r"\.widget-textarea textarea[^{]*\{([^}]*)\}", PAGE_CSS)
    assert rule is not None
    assert "font-family: system-ui" in rule.group(1)
    assert "monospace" not in rule.group(1)


def test_on_a_phone_inputs_keep_twelve_characters_and_buttons_their_words() -> None:
    narrow = PAGE_CSS[PAGE_CSS.index(f"@media (max-width: {NARROW_PX}px)"):]
    assert "min-width: 12ch" in narrow
    buttons = re.search(r"\.widget-button[^{]*\{([^}]*)\}", narrow)
    assert buttons is not None
    assert "white-space: normal" in buttons.group(1)
    assert "text-overflow: clip" in buttons.group(1)


def test_on_a_phone_a_dropdown_keeps_its_height_and_a_text_box_several_lines() -> None:
    # ipywidgets gives a dropdown's select "height: inherit" (and a text box the height
    # of its box): once the small-screen rules set the box to "height: auto", step 3's
    # "Where you know them from" shrank to 17 px high, squeezed against the button
    # below, and "People you talked to" to two lines (found at 390 px in Chromium).
    narrow = PAGE_CSS[PAGE_CSS.index(f"@media (max-width: {NARROW_PX}px)"):]
    select = re.search(r"\.widget-dropdown > select \{([^}]*)\}", narrow)
    assert select is not None
    assert "height: var(--jp-widgets-inline-height, 28px) !important" in select.group(1)
    textarea = re.search(r"\.widget-textarea > textarea \{([^}]*)\}", narrow)
    assert textarea is not None
    assert "min-height: 4.5em" in textarea.group(1)


def test_page_style_is_one_style_element() -> None:
    assert page_style().startswith("<style>")
    assert page_style().count("<style>") == 1


def test_the_focus_ring_of_a_closeness_button_is_not_cut_off(chromium: str) -> None:
    # Found in Chromium, sorting by keyboard in step 2: ipywidgets' row of toggle buttons
    # hides what overflows it, so only the right edge of the focused button's 3 px ring
    # showed. The ring must be drawn whole around the button.
    from playwright.sync_api import sync_playwright

    page_html = f"""<!doctype html><style>
      .widget-toggle-buttons {{ overflow: hidden; line-height: 28px; }}  /* ipywidgets */
      .widget-toggle-button {{ overflow: hidden; height: 28px; }}
      button {{ border: 0; margin: 0 2px; }}
    </style>{page_style()}
    <div class="jp-OutputArea-output"><div class="widget-toggle-buttons nk-closeness">
      <button class="widget-toggle-button">Closest</button>
      <button class="widget-toggle-button">Close</button></div></div>"""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page()
            page.set_content(page_html)
            page.locator("button").first.focus()
            row = page.evaluate("() => {const s = getComputedStyle("
                                "document.querySelector('.widget-toggle-buttons'));"
                                "return [s.overflow, s.paddingTop, s.paddingLeft]}")
        finally:
            browser.close()
    assert row == ["visible", "5px", "5px"]  # the 3 px ring, 2 px off the button, fits
