"""The Chinese plan as Chromium draws it (issue 12): every character on the page has a glyph,
none is drawn as the empty box a font without it leaves ("tofu").

Each distinct character of the page is drawn in a cell of its own, in the plan's own font
stacks, beside a character no font has (the box itself); the screenshot is decoded and a cell
that looks exactly like the box is a missing glyph.
"""

from __future__ import annotations

import html
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tests.test_e2e import env
from tests.test_plan_browser import chromium, run  # noqa: F401 - the fixture
from tests.test_zh_e2e import EXAMPLE, seen

CELL = 40
COLUMNS = 25
NO_GLYPH = "\U0010fffd"  # a private-use code point of the last plane: no font draws it


def png_pixels(data: bytes) -> tuple[int, int, int, bytes]:
    """Width, height, bytes per pixel and the unfiltered pixel rows of an 8-bit PNG."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (8, 0), (depth, interlace)
    assert colour in (2, 6), colour
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    out = bytearray()
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                near = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + near) & 0xFF
        out += line
        previous = line
    return width, height, bpp, bytes(out)


def cell(pixels: tuple[int, int, int, bytes], index: int) -> bytes:
    width, _height, bpp, data = pixels
    x0, y0 = (index % COLUMNS) * CELL, (index // COLUMNS) * CELL
    rows = [
        data[((y0 + y) * width + x0) * bpp : ((y0 + y) * width + x0 + CELL) * bpp]
        for y in range(CELL)
    ]
    return b"".join(rows)


def probe_page(chars: list[str], stack: str) -> str:
    cells = "".join(f"<span>{html.escape(ch)}</span>" for ch in [NO_GLYPH, *chars])
    return (
        "<!doctype html><meta charset=utf-8><style>"
        f"body{{margin:0;background:#fff}} div{{display:grid;grid-template-columns:"
        f"repeat({COLUMNS},{CELL}px);grid-auto-rows:{CELL}px}} span{{font:24px/{CELL}px "
        f"{stack};text-align:center;overflow:hidden;color:#000}}</style><div>{cells}</div>"
    )


def test_every_character_of_the_chinese_plan_has_a_glyph(chromium: str, tmp_path: Path) -> None:  # noqa: F811
    home = tmp_path / "home"
    command = [sys.executable, "-m", "wizard", "--lang", "zh-CN"]
    fill = subprocess.run(
        [*command, "fill", "hemai", str(EXAMPLE), "--pack", "restaurant"],
        env=env(home),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert fill.returncode == 0, fill.stderr
    page = subprocess.run(
        [*command, "plan", "hemai", "--format", "html", "--internal", "-o", "-"],
        env=env(home),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    ).stdout
    text = seen(page)
    chars = sorted({ch for ch in text if not ch.isspace() and ord(ch) > 0x7F})
    assert sum("\u4e00" <= ch <= "\u9fff" for ch in chars) > 300  # a Chinese plan indeed
    css = re.search(r"--serif:([^;]+);", page)
    sans = re.search(r"--sans:([^;]+);", page)
    assert css is not None
    assert sans is not None
    for stack in (css.group(1), sans.group(1)):
        probe = tmp_path / "probe.html"
        probe.write_text(probe_page(chars, stack), encoding="utf-8")
        shot = tmp_path / "probe.png"
        rows = (len(chars) + 1 + COLUMNS - 1) // COLUMNS
        run(
            chromium,
            tmp_path,
            probe,
            "--hide-scrollbars",
            f"--window-size={COLUMNS * CELL},{rows * CELL}",
            f"--screenshot={shot}",
        )
        pixels = png_pixels(shot.read_bytes())
        box = cell(pixels, 0)
        blank = bytes([255]) * len(box)
        assert box != blank, "the reference box was not drawn: the probe cannot see a missing glyph"
        missing = [ch for n, ch in enumerate(chars, start=1) if cell(pixels, n) == box]
        assert missing == [], f"drawn as empty boxes: {''.join(missing)}"
        drawn = sum(cell(pixels, n) != blank for n in range(1, len(chars) + 1))
        assert drawn == len(chars)


def test_the_decoder_reads_a_known_image() -> None:
    width, height = 3, 2
    rows = [bytes([0]) + bytes([10, 20, 30] * width), bytes([2]) + bytes([1, 1, 1] * width)]
    body = zlib.compress(b"".join(rows))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", body)
        + chunk(b"IEND", b"")
    )
    assert png_pixels(png) == (3, 2, 3, bytes([10, 20, 30] * 3 + [11, 21, 31] * 3))


@pytest.mark.parametrize("n", [0])
def test_cells_are_cut_where_they_are_drawn(n: int) -> None:
    width = COLUMNS * CELL
    data = bytes(range(256)) * ((width * CELL * 3) // 256 + 1)
    pixels = (width, CELL, 3, data[: width * CELL * 3])
    assert cell(pixels, n)[: CELL * 3] == pixels[3][: CELL * 3]
