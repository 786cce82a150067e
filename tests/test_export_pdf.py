"""The PDF: printed offline, with no network lookup, privately, and whole or not at all."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from networking_kit.export.pdf import (
    PdfUnavailableError,
    find_browser,
    html_to_pdf,
    private_network,
)

PAGE = "<!DOCTYPE html><html><body><h1>My plan</h1><p>Call Ada.</p></body></html>"
LOOPBACK = re.compile(r"^(127\.|::1$|::ffff:127\.|0\.0\.0\.0$|::$)")
_ADDRESS = re.compile(r'inet_(?:addr|pton)\((?:AF_INET6?, )?"([^"]+)"')
_PORT = re.compile(r"sin6?_port=htons\((\d+)\)")
_KIND = re.compile(r"\(\d+<(TCP|UDP)")  # the socket's protocol, from strace -yy
_PEER = re.compile(r"->\[?([0-9a-fA-F.:]+?)\]?:(\d+)\]>")  # a connected socket's peer


def _fake_browser(tmp_path: Path, body: str) -> Path:
    """A stand-in for Chromium: a script that receives the same arguments."""
    script = tmp_path / "fake-chromium"
    script.write_text("#!/bin/sh\n" + textwrap.dedent(body))
    script.chmod(0o700)
    return script


def _print_target(argv: str) -> str:
    return 'out=""; for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#*=}";; esac; ' \
        "done\n" + argv


def test_the_pdf_is_printed_in_a_private_folder_and_written_owner_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = tmp_path / "seen"
    browser = _fake_browser(tmp_path, _print_target(
        f'stat -c %a "$(dirname "$out")" > {record}\n'
        f'for a in "$@"; do echo "$a" >> {record}; done\n'
        'printf "%%PDF-1.4 fake" > "$out"\n'))
    monkeypatch.setenv("NETWORKING_KIT_BROWSER", str(browser))
    out = tmp_path / "exports" / "plan.pdf"
    out.parent.mkdir()
    out.write_text("an older plan")
    out.chmod(0o644)
    html_to_pdf(PAGE, out)
    seen = record.read_text().splitlines()
    assert seen[0] == "700"  # nobody else can read the page or the PDF while it prints
    folder = Path(next(a for a in seen if a.startswith("--print-to-pdf=")).split("=", 1)[1])
    assert not folder.parent.exists()  # and the folder is gone afterwards
    assert "--host-resolver-rules=MAP * ~NOTFOUND" in seen
    assert out.read_bytes() == b"%PDF-1.4 fake"
    assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in out.parent.iterdir()) == ["plan.pdf"]


def test_a_browser_that_prints_nothing_leaves_the_older_pdf_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    browser = _fake_browser(tmp_path, _print_target('printf "half a" > "$out"; exit 3\n'))
    monkeypatch.setenv("NETWORKING_KIT_BROWSER", str(browser))
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"%PDF-1.4 the good one")
    with pytest.raises(PdfUnavailableError, match="did not write a PDF; export the HTML"):
        html_to_pdf(PAGE, out)
    assert out.read_bytes() == b"%PDF-1.4 the good one"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _strace_works(tmp_path: Path) -> str | None:
    """Why strace cannot watch a process here, or None when it can."""
    if shutil.which("strace") is None:
        return "strace is not installed (.ci/run installs it as root)"
    probe = subprocess.run(["strace", "-f", "-o", str(tmp_path / "probe"), "true"],
                           capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        return f"strace cannot trace here ({probe.stderr.strip()[:120]})"
    return None


def joined(trace: str) -> str:
    """An ``strace -f`` log with each call that another thread interrupted
    ("<unfinished ...>") joined to its "<... NAME resumed>" ending, so a line holds a call
    and its result."""
    waiting: dict[str, int] = {}
    lines: list[str] = []
    for line in trace.splitlines():
        pid = line.split(" ", 1)[0]
        resumed = re.search(r"<\.\.\. \w+ resumed>(.*)$", line)
        if resumed and pid in waiting:
            start = waiting.pop(pid)
            lines[start] = lines[start].removesuffix("<unfinished ...>") + resumed.group(1)
            continue
        if line.endswith("<unfinished ...>"):
            waiting[pid] = len(lines)
        lines.append(line)
    return "\n".join(lines)


def network_use(trace: str) -> tuple[list[str], list[str]]:
    """From an ``strace -f -yy -e trace=%network,write,writev`` log: (the calls that
    reach the network: DNS, any TCP connection or any packet sent outside loopback;
    UDP ``connect`` calls that send nothing, which only ask the kernel for a route)."""
    reached, routes = [], []
    for line in trace.splitlines():
        call = re.search(r"\b(connect|sendto|sendmsg|sendmmsg|write|writev)\(", line)
        if call is None or "AF_UNIX" in line or "AF_NETLINK" in line:
            continue
        ports = _PORT.findall(line)
        addresses = [a for a in _ADDRESS.findall(line) if not LOOPBACK.match(a)]
        peer, kind = _PEER.search(line), _KIND.search(line)
        if peer and not LOOPBACK.match(peer.group(1)):
            addresses.append(peer.group(1))
            ports.append(peer.group(2))
        if "53" in ports:
            reached.append(line)
        elif (addresses and call.group(1) == "connect" and kind is not None
              and kind.group(1) == "UDP"):
            routes.append(line)
        elif addresses:
            reached.append(line)
    return reached, routes


def test_network_use_reads_strace_lines() -> None:
    dns = ('12 connect(27<UDP:[10.0.0.2:5555]>, {sa_family=AF_INET, sin_port=htons(53), '
           'sin_addr=inet_addr("10.255.255.53")}, 16) = 0')
    tcp = ('12 connect(30<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(443), '
           'sin_addr=inet_addr("142.250.1.1")}, 16) = -1 EINPROGRESS')
    route = ('9 connect(25<UDPv6:[2]>, {sa_family=AF_INET6, sin6_port=htons(443), '
             'sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", '
             '&sin6_addr), sin6_scope_id=0}, 28) = 0')
    sent = '9 write(25<UDPv6:[[::2]:40000->[2001:4860:4860::8888]:443]>, "x", 1) = 1'
    local = ('3 connect(9<TCP:[3]>, {sa_family=AF_INET, sin_port=htons(9), '
             'sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED')
    reached, routes = network_use("\n".join([dns, tcp, route, sent, local]))
    assert reached == [dns, tcp, sent]
    assert routes == [route]


def test_joined_puts_an_interrupted_call_back_together() -> None:
    trace = ('7 connect(24<UDPv6:[1]>, {sa_family=AF_INET6}, 28 <unfinished ...>\n'
             '8 write(3, "x", 1) = 1\n'
             '7 <... connect resumed>) = -1 ENETUNREACH (Network is unreachable)')
    assert joined(trace).splitlines() == [
        '7 connect(24<UDPv6:[1]>, {sa_family=AF_INET6}, 28 ) = -1 ENETUNREACH '
        '(Network is unreachable)',
        '8 write(3, "x", 1) = 1']


def test_printing_a_pdf_makes_no_network_lookup(tmp_path: Path) -> None:
    if find_browser() is None:
        pytest.skip("no Chrome or Chromium on this machine, so no PDF can be printed here")
    reason = _strace_works(tmp_path)
    if reason:
        pytest.skip(reason)
    trace = tmp_path / "trace"
    out = tmp_path / "plan.pdf"
    code = (f"from pathlib import Path; from networking_kit.export.pdf import html_to_pdf; "
            f"html_to_pdf({PAGE!r}, Path({str(out)!r}))")
    subprocess.run(["strace", "-f", "-yy", "-e", "trace=%network,write,writev", "-o",
                    str(trace), sys.executable, "-c", code], check=True, timeout=300,
                   capture_output=True, env=os.environ.copy())
    assert out.read_bytes().startswith(b"%PDF")
    reached, routes = network_use(joined(trace.read_text(errors="replace")))
    assert reached == [], "\n".join(reached[:10])
    if private_network():
        # In its own network namespace the browser cannot even find a route out: every
        # probe fails (ENETUNREACH or EADDRNOTAVAIL: no interface, no address).
        assert routes, "the trace saw no route probe: is strace following the browser?"
        assert all(re.search(r"\)\s*= -1 E[A-Z]+", line) for line in routes), routes[:3]


def test_the_browser_gets_no_network_where_the_system_allows_it(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    if not private_network():
        pytest.skip("this system cannot give a program a private network namespace "
                    "(no unshare, or unprivileged user namespaces are turned off)")
    record = tmp_path / "namespace"
    browser = _fake_browser(tmp_path, _print_target(
        f"readlink /proc/self/ns/net > {record}\n"
        'printf "%%PDF-1.4 fake" > "$out"\n'))
    monkeypatch.setenv("NETWORKING_KIT_BROWSER", str(browser))
    html_to_pdf(PAGE, tmp_path / "plan.pdf")
    assert record.read_text().strip() != os.readlink("/proc/self/ns/net")  # not ours
