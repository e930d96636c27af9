"""Fuzzing of the hostile shapes: files built from repeated fragments, up to the size limit.

The fuzzer picks a few fragments (list items, distinct or repeated keys, escapes in double
quotes, anchors, numbers of many digits, small mappings, comments, deep brackets, long texts),
how many times each repeats (up to 200,000) and where they go; the file, cut at 8 MiB, is then
read and checked. The property: it never raises, gives at most MAX_FINDINGS + 1 findings, each
inside the file, and takes less than SECONDS (a slower input is saved as a crash, to replay).

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_hostile.py -max_total_time=600 -rss_limit_mb=1024

Each time an input is the slowest so far, prints its time and size (libFuzzer ends the process
without running Python's exit handlers).
"""

from __future__ import annotations

import sys
import time
from datetime import date

import atheris  # type: ignore[import-not-found]

with atheris.instrument_imports():
    from stspd_cli.load import MAX_FINDINGS, load_bytes
    from stspd_cli.source import MAX_BYTES
    from stspd_cli.validate import check_loaded

TODAY = date(2026, 1, 15)
SECONDS = 10.0
HEAD = "schema: stspd/1\nterritoire:\n  nom: Bourg\n  instance: CLSPD\nstrategie:\n  titre: T\n"
FRAGMENTS = (
    "- 1\n",
    "k{i}: 1\n",
    "k: 1\n",
    '- "\\e[2J\\x9b\\u0007"\n',
    "- &a{i} 1\n",
    "- {digits}\n",
    "- !!int {digits}\n",
    "- 0x{hexdigits}\n",
    "- {{x: 1, id: a{i}}}\n",
    "# {text}\n",
    "- {open}1{close}\n",
    '- "{text}"\n',
    "- {text}@{text}\n",
    "- id: a{i}\n  nom: A\n  type: commune\n",
)
slowest = (0.0, 0)


def _document(data: bytes) -> bytes:
    provider = atheris.FuzzedDataProvider(data)
    parts = [HEAD, "acteurs:\n" if provider.ConsumeBool() else ""]
    size = sum(map(len, parts))
    for _ in range(provider.ConsumeIntInRange(1, 4)):
        pattern = FRAGMENTS[provider.ConsumeIntInRange(0, len(FRAGMENTS) - 1)]
        count = provider.ConsumeIntInRange(1, 200_000)
        width = provider.ConsumeIntInRange(1, 6_000)
        depth = provider.ConsumeIntInRange(0, 80)
        for i in range(count):
            part = pattern.format(
                i=i,
                digits="1" * width,
                hexdigits="f" * width,
                text="a" * width,
                open="[" * depth,
                close="]" * depth,
            )
            size += len(part)
            if size > MAX_BYTES:
                break
            parts.append(part)
    return "".join(parts).encode("utf-8")


def one_input(data: bytes) -> None:
    global slowest  # noqa: PLW0603  (the campaign's record, printed at exit)
    document = _document(data)
    start = time.perf_counter()
    loaded = load_bytes(document, "fuzz.yaml")
    result = check_loaded(loaded, TODAY)
    seconds = time.perf_counter() - start
    if seconds > slowest[0]:
        slowest = (seconds, len(document))
        print(f"plus lente : {seconds:.2f} s pour {len(document):,} octets", file=sys.stderr)
    assert len(result.findings) <= MAX_FINDINGS + 1, len(result.findings)
    lines = document.count(b"\n") + 1
    for finding in result.findings:
        assert finding.message, finding.code
        assert 0 <= finding.line <= lines, (finding.code, finding.line)
    assert seconds < SECONDS, f"{seconds:.1f} s pour {len(document)} octets"


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
