"""The name box of "Add someone by hand": a text box that cannot garble a name.

A stock ``ipywidgets.Text`` is cleared by the kernel after an add; at a normal typing pace
the participant has already typed the first letters of the next name by then, and the
clear wipes them ("arol Medium" for "Carol Medium"), or the next name is read before the
previous one was cleared ("Petra NeumannOliver Grant"). This box does both in the browser,
in the same keystroke as Enter: the name typed so far travels with the submit message,
and the box empties at once, before the kernel has done anything. The kernel never
writes the box while someone may be typing in it, except :meth:`NameBox.clear` after the
"Add" button (a mouse click, so no typing is under way).
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import traitlets

_ESM = r"""
function render({ model, el }) {
  const label = document.createElement("label");
  label.className = "nk-name-box";
  const words = document.createElement("span");
  words.textContent = model.get("label");
  const input = document.createElement("input");
  input.type = "text";
  input.autocomplete = "off";
  input.placeholder = model.get("placeholder");
  input.value = model.get("value");
  label.append(words, input);
  el.append(label);
  input.addEventListener("input", () => {
    model.set("value", input.value);
    model.save_changes();
  });
  // The other fields of the form, read from the page at the moment of Enter: a choice
  // made in a dropdown may still be waiting in the browser's queue for a busy kernel,
  // so the submit carries what the participant saw, and the form resets here at once.
  const others = () => {
    const form = el.closest(".nk-add-form") || document;
    return {
      strength: form.querySelector(".nk-add-strength select"),
      context: form.querySelector(".nk-add-context select"),
      field: form.querySelector(".nk-add-field input"),
    };
  };
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    event.stopPropagation();
    const name = input.value;
    const { strength, context, field } = others();
    const chosen = {
      strength: strength ? strength.value : null,
      context: context ? context.value : null,
      field: field ? field.value : null,
    };
    input.value = "";
    model.set("value", "");
    model.save_changes();
    model.send({ event: "submit", name: name, chosen: chosen });
    for (const select of [strength, context]) {
      if (select && select.selectedIndex !== 0) {
        select.selectedIndex = 0;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
    if (field && field.value !== "") {
      field.value = "";
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
    input.focus();
  });
  model.on("change:clears", () => { input.value = ""; input.focus(); });
  model.on("msg:custom", (message) => {
    if (message.event === "focus") input.focus();
    if (message.event === "fill" && input.value === "") {
      input.value = message.value;
      model.set("value", message.value);
      model.save_changes();
    }
  });
}
export default { render };
"""

_CSS = """
.nk-add-form { display: flex; flex-direction: column; }
.nk-name-box { display: flex; align-items: center; gap: 8px; margin: 4px 0; }
.nk-name-box span { min-width: 3em; }
.nk-name-box input { width: 300px; padding: 4px 6px; font-size: 14px;
                     border: 1px solid #9e9e9e; border-radius: 2px; }
.nk-name-box input:focus { outline: 2px solid #0072B2; }
"""


class NameBox(anywidget.AnyWidget):
    """One line of text; Enter submits the text typed so far and empties the box.

    ``value`` follows the typing (so the "Add" button can read it); handlers given to
    :meth:`on_submit` receive the submitted name itself, never a value read later.
    """

    _esm = _ESM
    _css = _CSS
    value = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("Name").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    clears = traitlets.Int(0).tag(sync=True)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._handlers: list[Callable[[str, dict[str, str] | None], object]] = []
        self.on_msg(self._on_message)

    def on_submit(self, handler: Callable[[str, dict[str, str] | None], object]) -> None:
        """Call ``handler(name, chosen)`` with the text submitted by Enter and, from the
        browser, what the form's other fields showed at that moment (``{"strength",
        "context", "field"}``: the dropdowns' labels and the field's text; None when
        the submit did not come from the browser)."""
        self._handlers.append(handler)

    def submit(self, name: str | None = None) -> None:
        """What Enter does: submit ``name`` (the box's value when None) and empty the box.
        Public so tests and the "Add" button take the same path."""
        text = self.value if name is None else name
        self.value = ""
        for handler in list(self._handlers):
            handler(text, None)

    def clear(self) -> None:
        """Empty the box in the browser and put the cursor in it."""
        self.value = ""
        self.clears += 1

    def fill(self, text: str) -> None:
        """Put ``text`` back (after an add that failed), unless something new is typed."""
        self.value = text
        self.send({"event": "fill", "value": text})

    def focus(self) -> None:
        self.send({"event": "focus"})

    def _on_message(self, _widget: object, content: object, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            name = content.get("name")
            chosen = content.get("chosen")
            shown = ({k: v for k, v in chosen.items() if isinstance(v, str)}
                     if isinstance(chosen, dict) else {})
            for handler in list(self._handlers):
                handler(name if isinstance(name, str) else "", shown)
