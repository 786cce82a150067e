"""Small pieces every form shares: escaped text and the one-sentence status line."""

from __future__ import annotations

import base64
import html
from typing import Any, TypedDict

import ipywidgets as widgets


class TraitChange(TypedDict):
    """What a widget's ``observe`` handler receives (traitlets' change notification).

    ``old`` and ``new`` are the widget's values, whose type depends on the widget."""

    name: str
    old: Any
    new: Any
    owner: Any
    type: str


def html_text(text: str, tag: str = "div", cls: str = "") -> str:
    """``text`` escaped inside one element: everything a contact file holds is untrusted."""
    klass = f" class='{cls}'" if cls else ""
    return f"<{tag}{klass}>{html.escape(text)}</{tag}>"


def say(status: widgets.HTML, sentence: str, error: bool = False) -> None:
    """Show one plain sentence in a section's status line."""
    style = " style='color:#9b1c1c;font-weight:600'" if error else ""
    cls = "nk-status nk-error" if error else "nk-status"
    status.value = f"<div class='{cls}'{style}>{html.escape(sentence)}</div>"


def sentence(text: str) -> str:
    """One escaped status sentence as HTML, for a status line set directly."""
    return html_text(text, "p", "nk-status")


def download_link(name: str, data: bytes, kind: str = "text/html") -> str:
    """A link that downloads ``data`` as the file ``name`` straight from the page (a data:
    URL: nothing is fetched from the server, so it works behind any proxy)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a class="nk-download" download="{html.escape(name, quote=True)}" '
            f'href="data:{kind};base64,{encoded}">Download {html.escape(name)}</a>')
