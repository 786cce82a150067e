"""What people need and what can be offered, read from the participant's own words.

Topic words come from notes, tags, "can help with" and "I can offer"; introductions match
one person's help to another's need, and suggestions tell a thing one can send ("a reading
list") from a longer note.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from networking_kit.words import short_topic

# First words of something one can send or hand over: "a reading list", "feedback on…".
_THING_START = frozenset((
    "a", "an", "the", "some", "my", "our", "help", "feedback", "notes", "advice", "tips",
    "intro", "introduction", "introductions", "links", "ideas", "contacts"))


def is_thing(text: str) -> bool:
    """A phrase that can follow "Send Ann": a thing ("a reading list on pricing"), not a note."""
    words = text.split()
    return (short_topic(text) or (len(words) <= 8 and words[0].casefold() in _THING_START
                                  and re.fullmatch(r"[\w&'’ -]+", text) is not None))


# -------------------------------------------------------------- who needs what

_STOP = frozenset((
    "a", "an", "and", "the", "of", "on", "for", "to", "in", "with", "my", "our", "your",
    "their", "from", "at", "by", "about", "into", "last", "this", "that", "some", "any",
    "help", "year", "met", "asked", "someone", "who", "what"))
# Words that mean the same need in the sample's and most people's notes.
_SAME_NEED = {"cv": "hiring", "interview": "hiring", "recruiting": "hiring", "job": "hiring",
              "speaker": "speaking", "talk": "speaking", "conference": "speaking",
              "price": "pricing", "roadmap": "product", "mentor": "mentoring"}
_NEED_PHRASES = re.compile(
    r"(?:looking for|needs?|wants?|asked about|interested in|hiring|struggling with|"
    r"learning)\s+([^.;]+)", flags=re.IGNORECASE)


def topics(text: object) -> set[str]:
    """Topic words of a phrase: lower case, no filler words, a crude common stem."""
    if not isinstance(text, str) or not text.strip():
        return set()
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    out = set()
    for word in words:
        word = _SAME_NEED.get(word, word)
        if word in _STOP or len(word) < 3:
            continue
        out.add(word[:6] if len(word) > 6 else word.rstrip("s"))
    return out


def needs_of(row: Mapping[str, Any]) -> set[str]:
    """What a contact needs, as topic words. A need is:

    - what the participant noted they could offer them (``i_can_offer``): it is offered
      because the person would value it;
    - what their notes say they are looking for, asked about, want, are interested in,
      are hiring for or are learning ("Asked about mentoring last year");
    - their interests: the tags after the first (the first tag is their own field).
    """
    found = set(topics(row.get("i_can_offer")))
    notes = row.get("notes")
    if isinstance(notes, str):
        for phrase in _NEED_PHRASES.findall(notes):
            found |= topics(phrase)
    tags = row.get("tags")
    if isinstance(tags, str):
        for tag in tags.split(";")[1:]:
            found |= topics(tag)
    return found

