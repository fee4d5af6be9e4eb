#!/usr/bin/env python3
"""Write data/sRGB-v2.icc: the sRGB profile of the output intent of the PDF/A
files `sohoa export --pdf` writes.

PDF/A wants an output intent with an ICC profile for the device colours of the
page images (DeviceGray, DeviceRGB). This script builds a minimal ICC v2.1
display profile from the published sRGB definition (IEC 61966-2-1): the D50
(Bradford-adapted) colorants and the sRGB transfer curve sampled at 1024
points. It is made here, from the standard's numbers, so the profile carries
no third-party licence (it is released with sohoa under MIT) and its header
holds a fixed date, so the file never changes. Version 2 is accepted by every
PDF/A part (PDF/A-1 wants < 4, PDF/A-2 and -3 ≤ 4).

Run from the repository root: python3 scripts/make-srgb-icc.py
"""

import struct
import sys

TRC_POINTS = 1024


def s15f16(v):
    return struct.pack(">i", round(v * 65536))


def xyz_tag(x, y, z):
    return b"XYZ " + b"\0" * 4 + s15f16(x) + s15f16(y) + s15f16(z)


def text_tag(s):
    return b"text" + b"\0" * 4 + s.encode("ascii") + b"\0"


def desc_tag(s):
    a = s.encode("ascii") + b"\0"
    return (
        b"desc" + b"\0" * 4
        + struct.pack(">I", len(a)) + a
        + struct.pack(">II", 0, 0)  # no Unicode description
        + struct.pack(">HB", 0, 0) + b"\0" * 67  # no ScriptCode description
    )


def srgb_to_linear(v):
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def curve_tag():
    points = [
        round(srgb_to_linear(i / (TRC_POINTS - 1)) * 65535) for i in range(TRC_POINTS)
    ]
    return b"curv" + b"\0" * 4 + struct.pack(">I", TRC_POINTS) + struct.pack(
        f">{TRC_POINTS}H", *points
    )


def pad4(b):
    return b + b"\0" * (-len(b) % 4)


def profile():
    curve = curve_tag()
    tags = [
        (b"desc", desc_tag("sRGB IEC61966-2.1 (sohoa)")),
        (b"cprt", text_tag("No copyright, use freely")),
        (b"wtpt", xyz_tag(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz_tag(0.436066, 0.222488, 0.013916)),
        (b"gXYZ", xyz_tag(0.385147, 0.716873, 0.097076)),
        (b"bXYZ", xyz_tag(0.143066, 0.060608, 0.714096)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    table_len = 4 + 12 * len(tags)
    offset = 128 + table_len
    table = struct.pack(">I", len(tags))
    data = b""
    placed = {}
    for sig, body in tags:
        if body in placed:  # the three curves are one tag body
            at = placed[body]
        else:
            at = offset + len(data)
            placed[body] = at
            data += pad4(body)
        table += sig + struct.pack(">II", at, len(body))
    size = 128 + table_len + len(data)
    header = (
        struct.pack(">I", size)
        + b"\0" * 4  # preferred CMM: none
        + bytes([2, 0x10, 0, 0])  # version 2.1
        + b"mntr" + b"RGB " + b"XYZ "
        + struct.pack(">6H", 2000, 1, 1, 0, 0, 0)  # fixed date: the file never changes
        + b"acsp"
        + b"\0" * 4  # platform
        + b"\0" * 4  # flags
        + b"\0" * 8  # manufacturer, model
        + b"\0" * 8  # attributes
        + struct.pack(">I", 0)  # perceptual intent
        + xyz_tag(0.9642, 1.0, 0.8249)[8:]  # PCS illuminant D50
        + b"\0" * 4  # creator
        + b"\0" * 44  # reserved (v2)
    )
    assert len(header) == 128
    return header + table + data


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "data/sRGB-v2.icc"
    with open(out, "wb") as f:
        f.write(profile())
    print(f"wrote {out}")
