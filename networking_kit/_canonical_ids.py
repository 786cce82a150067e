"""Contact ids for whole columns, as ``contacts.make_contact_id`` makes them one by one.

Split from ``_canonical`` so that each module keeps to one concept: here, how a person's
id is made from their LinkedIn address, else their e-mail, else their name and
organisation, in whole-column calls, and a big file's ids a part at a time
(:func:`fill_ids`, which ``_canonical`` calls with its tick).
``tests/test_importers_properties.py`` checks it against the one-by-one way.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from networking_kit._cells import Cells, lower, split_joined
from networking_kit.contact_fields import ids_of, key_hashes, normalise_key

LINKEDIN = "https://www.linkedin.com/"  # a LinkedIn address in its tidy form starts so


def ends_with_slash(joined: str) -> bool:
    """Whether a value of the joined column ends with "/" (a "/" before a NUL, or last).

    A plain substring search: 1.7 ms over 30,000 addresses, where finding the NULs with
    numpy took 2.6 ms (its column-sized temporary arrays are fresh memory each time).
    """
    return joined.endswith("/") or "/\x00" in joined


def linkedin_form(joined: str, present: int, size: int | None = None) -> bool:
    """Whether the ``present`` non-blank values of a column joined by NUL are all LinkedIn
    addresses in their tidy form (``contact_fields.tidy_url`` changes none of them): each
    starts with :data:`LINKEDIN`, holds no space, "?" or "#", and does not end with "/".
    ``size`` is the number of values, when the caller knows it.
    """
    if (joined.startswith(LINKEDIN) + joined.count("\x00" + LINKEDIN) != present
            or any(mark in joined for mark in " ?#")):
        return False
    if present != size:
        return not ends_with_slash(joined)
    # None blank, so every NUL is followed by LINKEDIN: a "/" that ends a value is found
    # with it, the longer search (0.9 ms against 1.8 ms over 30,000 addresses).
    return not (joined.endswith("/") or "/\x00" + LINKEDIN in joined)


def contact_ids(names: Cells, emails: Cells, urls: Cells, companies: Cells) -> list[str]:
    """``contacts.make_contact_id`` for whole columns: LinkedIn URL, else e-mail, else name.

    The keys are built in one pass, with every address lowered in one call, and hashed in
    one call; only people with neither address pay for ``normalise_key``. When every
    address is a LinkedIn one in its tidy form (a LinkedIn export), every key is
    "url:" and the address, and ``_url_keys`` makes them all at once.
    """
    return contact_ids_checked(names, emails, urls, companies)[0]


def contact_ids_checked(names: Cells, emails: Cells, urls: Cells, companies: Cells, *,
                        tidy_linkedin: bool = False) -> tuple[list[str], bool]:
    """:func:`contact_ids`, and whether every row has its own LinkedIn address.

    That second answer is ``contacts_matching.all_distinct_linkedin``'s (every address
    LinkedIn's, none ending in "/", no two the same once lowered), read off the keys
    made here, so that the duplicate check need not join and lower the addresses again.
    ``tidy_linkedin`` True: the caller has found every address a LinkedIn one in its tidy
    form, none blank (:func:`linkedin_form`), and that check is not made again.
    """
    hashes, linkedin = contact_id_hashes(names, emails, urls, companies,
                                         tidy_linkedin=tidy_linkedin)
    # Distinct ids mean distinct keys: the same key always gives the same id.
    return ids_of(hashes), linkedin and all_distinct(hashes)


def all_distinct(hashes: np.ndarray) -> bool:
    """True when no two of ``hashes`` are the same: sorted, each differs from the next
    (a tenth of the time ``pd.unique`` takes over 1.75 million random numbers)."""
    ordered = np.sort(hashes)
    return bool((ordered[1:] != ordered[:-1]).all())


def contact_id_hashes(names: Cells, emails: Cells, urls: Cells, companies: Cells, *,
                      tidy_linkedin: bool = False) -> tuple[np.ndarray, bool]:
    """The ids of :func:`contact_ids` as ``key_hashes`` numbers (uint64, one a row), and
    whether every address is LinkedIn's in its tidy form with none ending in "/" (that
    no two are the same is for the caller to check, over the numbers of every part).
    ``tidy_linkedin`` as in :func:`contact_ids_checked`."""
    if not urls:
        return np.array([], dtype=np.uint64), False
    if tidy_linkedin:  # every key "url:" and the address lowered: four whole-column calls
        keys = lower("url:" + "\x00url:".join(urls)).encode("utf-8").split(b"\x00")
        if len(keys) == len(urls):  # else an address held a NUL
            return key_hashes(keys), True
    joined = "\x00".join(urls)
    linkedin = tidy_linkedin or (joined.startswith(LINKEDIN)
                                 and joined.count("\x00" + LINKEDIN) == len(urls) - 1)
    lowered = lower(joined)
    del joined  # a big file's addresses are held once more in ``lowered``
    if linkedin:
        keys = _url_keys(lowered)
        if len(keys) == len(urls):  # else an address held a NUL
            slash = not tidy_linkedin and ends_with_slash(lowered)
            del lowered
            return key_hashes(keys), not slash
    lowered_urls = split_joined(lowered, len(urls))
    if lowered_urls is None:
        lowered_urls = [url.lower() for url in urls]
    return key_hashes([
        "url:" + low if url and "linkedin.com" in url
        else "email:" + email if email
        else "name:" + normalise_key(name) + "|" + normalise_key(company)
        for name, email, url, low, company in zip(names, emails, urls, lowered_urls, companies,
                                                  strict=True)
    ]), False


# Rows keyed between two ticks: well under a second, and the keys' text (several copies
# of the addresses while they are lowered and hashed) stays small beside the file (10,000
# rows' keys were a third of a 30,000-row file's size on top of the read's peak; 5,000
# cost no more time).
ID_PART = 5_000


def fill_ids(columns: dict[str, Cells], done: Callable[[float], None] | None = None,
             tidy_linkedin: bool = False) -> tuple[Cells, bool]:
    """The ``contact_id`` column, with an id made for every row that came without one,
    and whether every row has its own LinkedIn address (see
    :func:`contact_ids_checked`, and ``_canonical._tidy_linkedin`` for
    ``tidy_linkedin``).
    A big file's ids are made ``ID_PART`` rows at a time, with a ``done`` (the fraction
    made; ``_canonical.Tick``, which lives above this module) after each, so that Cancel
    answers between parts."""
    ids = columns["contact_id"]
    parts = [columns[c] for c in ("name", "email", "url", "company")]
    missing = ids.count("")
    if missing == 0:
        return ids, False
    if missing == len(ids):
        if len(ids) <= ID_PART:
            return contact_ids_checked(*parts, tidy_linkedin=tidy_linkedin)
        made: list[str] = []
        numbers = []
        distinct = True
        for start in range(0, len(ids), ID_PART):
            hashes, linkedin = contact_id_hashes(
                *(part[start:start + ID_PART] for part in parts), tidy_linkedin=tidy_linkedin)
            made += ids_of(hashes)
            numbers.append(hashes)
            distinct = distinct and linkedin
            if done is not None:
                done(0.95 * len(made) / len(ids))
        # Distinct ids mean distinct addresses: the same address always gives the same id;
        # the numbers are compared, quicker than a set of the ids' text.
        distinct = distinct and all_distinct(np.concatenate(numbers))
        if done is not None:
            done(1.0)
        return made, distinct
    ids = list(ids)
    blanks = [i for i, v in enumerate(ids) if not v]
    fresh = contact_ids(*([part[i] for i in blanks] for part in parts))
    for position, contact_id in zip(blanks, fresh, strict=True):
        ids[position] = contact_id
    return ids, False


def _url_keys(lowered: str) -> list[bytes]:
    """"url:" and each lowered address, as the UTF-8 bytes that ``hash_keys`` would hash.

    Made by whole-column calls (replace, encode, split) instead of a concatenation and an
    encoding per person.
    """
    return (b"url:" + lowered.encode("utf-8").replace(b"\x00", b"\x00url:")).split(b"\x00")
