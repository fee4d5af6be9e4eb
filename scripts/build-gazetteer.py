#!/usr/bin/env python3
"""Build data/gazetteer.tsv: Vietnam's administrative units of both eras.

Before 1 July 2025: 63 provinces, their districts (quận, huyện, thị xã,
thành phố) and communes (xã, phường, thị trấn). Since then: 34 provinces and
their communes (xã, phường, đặc khu), no district level. With the old → new
mapping: each old province to its new province, each old commune to the new
commune(s) its land went to.

Source: the PyPI package vietnamadminunits 1.0.4 (MIT licence, (c) 2025 Tran
Ngoc Minh Hieu), whose data its author compiled from the General Statistics
Office's code list (danhmuchanhchinh.gso.gov.vn) and the merger maps of
sapnhap.bando.com.vn. It is the one package on PyPI found with both eras
*and* the commune-level mapping. Only its data files are read
(data/dataset.db, a SQLite file, and data/converter_2025.json); none of its
code runs, so its dependencies (shapely, geopy, ...) are not needed.

Also examined, not used for the data (see `--compare`):
  vietnam-provinces 0.6.0 (63 provinces, districts, wards) and 2025.10.1
  (34 provinces, wards): GPL-3.0-or-later (pyproject.toml of the sdist; the
  wheels carry no licence file), data from the GSO. It has no old → new
  mapping, and its 2025 codes follow the *draft* code list: 114 of 3,321 new
  commune codes differ from vietnamadminunits', whose codes agree with the
  rule that a new commune keeps the code of one of the communes merged into
  it (3,316 of 3,321). Copying GPL data into an MIT program is also avoided.

How to run (needs network access to PyPI, stdlib only otherwise):

    python3 scripts/build-gazetteer.py            # writes data/gazetteer.tsv
    python3 scripts/build-gazetteer.py --compare  # also cross-checks codes
                                                  # against vietnam-provinces

The wheels are fetched with `pip download --no-deps` into a temporary
directory and checked against the SHA-256 sums below, then read as zip
files: nothing is installed, global state is not touched. The output is
deterministic (sorted rows) except for the "built" date line.
"""

import argparse
import collections
import datetime
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

SOURCE = ("vietnamadminunits", "1.0.4",
          "737ee3662e877290386c1c45ed4d71f2e5fae34ab6fb9c64bfb4cb74b216ea35")
COMPARE = [
    ("vietnam-provinces", "0.6.0",
     "4b5772870efdcb7c58a64fbdc0e0c9ce497e67017a0c189dff99582ddadb7815"),
    ("vietnam-provinces", "2025.10.1",
     "1693dece496b1e04e2b637a3dd79a87a22666e13c91c51cf06dc27e482987f57"),
]

# Former names the source does not carry, as folded keys: old province 46 was
# "Tỉnh Thừa Thiên Huế" until 31 December 2024 (then Thành phố Huế), and the
# CCCD table of Thông tư 07/2016/TT-BCA and most old dossiers use that name.
EXTRA_ALIASES = {
    ("province", "old", "46"): ["thuathienhue"],
    ("province", "new", "46"): ["thuathienhue"],
    ("province", "old", "79"): ["tphcm", "hochiminhcity"],
    ("province", "new", "79"): ["tphcm", "hochiminhcity"],
}

KINDS = {  # the source's type words → the kind column
    "Tỉnh": "tỉnh", "Thành phố": "thành phố", "Quận": "quận", "Huyện": "huyện",
    "Thị xã": "thị xã", "Xã": "xã", "Phường": "phường", "Thị trấn": "thị trấn",
    "Đặc khu": "đặc khu",
}
# Type words as they start a folded key ("xanamtien" = Xã Nam Tiến), with the
# abbreviations the source's keyword lists use.
KEY_PREFIXES = ["thitran", "thixa", "thanhpho", "phuong", "huyen", "quan",
                "tinh", "xa", "tt", "tx", "tp", "district", "ward", "p", "q",
                "f", "x", "h"]


def fold_key(s):
    """Folded key without spaces: the same mapping as sohoa's text::fold
    (lower case, đ → d, marks dropped), then only letters and digits kept."""
    out = []
    for c in unicodedata.normalize("NFD", s.lower()):
        if c in "đð":
            c = "d"
        if unicodedata.combining(c):
            continue
        if c.isalnum():
            out.append(c)
    return "".join(out)


def fetch(tmp, name, version, sha256):
    """Download one wheel with pip and check its hash; return its path."""
    dest = os.path.join(tmp, f"{name}-{version}")
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet",
                    "--no-deps", "--only-binary", ":all:", "--dest", dest,
                    f"{name}=={version}"], check=True)
    (wheel,) = [os.path.join(dest, f) for f in os.listdir(dest)]
    digest = hashlib.sha256(open(wheel, "rb").read()).hexdigest()
    if digest != sha256:
        sys.exit(f"build-gazetteer: {wheel}: sha256 {digest}, expected {sha256}")
    return wheel


def split_kind(full, kind_word):
    """("Xã Đình Tổ", "Xã") → ("xã", "Đình Tổ"). The kind word the name
    starts with wins over the source's type column, which disagrees with the
    name for a handful of units ("Thị trấn Ngọc Lặc" typed Xã)."""
    for word in sorted(KINDS, key=len, reverse=True):
        if full.lower().startswith(word.lower() + " "):
            if word.lower() != kind_word.lower():
                print(f"build-gazetteer: {full!r}: kind from the name, not {kind_word!r}",
                      file=sys.stderr)
            return KINDS[word], full[len(word) + 1:].strip()
    sys.exit(f"build-gazetteer: {full!r} does not start with a kind word")


def province_kind(full):
    if full.lower().startswith("thành phố "):
        return "thành phố trung ương", full[len("Thành phố "):]
    return split_kind(full, "Tỉnh")


def clean_aliases(raw, own_name, own_kind):
    """Former names from the source's alias lists, as bare folded keys.

    The lists mix former names with spelling variants of the current one
    ("huyenthuanthanh" for Thị xã Thuận Thành, "p04" for Phường 4): a key
    that is the unit's own name, or a type word plus its own name or plus
    another key of the list, is dropped; a type word left on a former name
    ("xanamtien") is cut off."""
    if not raw:
        return []
    keys = {fold_key(a) for a in json.loads(raw)}
    own = fold_key(own_name)
    bare = keys | {own}
    kept = set()
    for k in keys:
        if k == own:
            continue
        redundant = False
        for p in KEY_PREFIXES:
            if k.startswith(p) and k[len(p):] in bare:
                redundant = True
            if k.endswith(p) and k[:-len(p)] in bare:
                redundant = True
        if redundant:
            continue
        own_prefix = fold_key(own_kind.replace(" trung ương", ""))
        if k.startswith(own_prefix) and len(k) - len(own_prefix) >= 3:
            k = k[len(own_prefix):]
        if k != own:
            kept.add(k)
    return sorted(kept)


def build(wheel):
    z = zipfile.ZipFile(wheel)
    with tempfile.NamedTemporaryFile(suffix=".db") as db:
        db.write(z.read("vietnamadminunits/data/dataset.db"))
        db.flush()
        con = sqlite3.connect(db.name)
        con.row_factory = sqlite3.Row
        legacy = list(con.execute("SELECT * FROM admin_units_legacy"))
        current = list(con.execute("SELECT * FROM admin_units"))
        con.close()
    conv = json.loads(z.read("vietnamadminunits/data/converter_2025.json"))

    rows = {}  # (level, era, code) → dict

    def put(level, era, code, kind, name, parent="", successors=(), aliases=()):
        key = (level, era, code)
        row = dict(kind=kind, name=name, parent=parent,
                   successors=list(successors), aliases=sorted(set(aliases)))
        if key in rows and rows[key] != row:
            sys.exit(f"build-gazetteer: {key} twice, differently")
        rows[key] = row

    # Old era.
    old_by_key = {}  # "province_district_ward" key of the converter → row
    old_prov_key = {}  # province key → code
    for r in legacy:
        pk, pn = province_kind(r["province"])
        put("province", "old", r["provinceCode"], pk, pn,
            aliases=clean_aliases(r["provinceAlias"], pn, pk))
        old_prov_key[r["provinceKey"]] = r["provinceCode"]
        dk, dn = split_kind(r["district"], r["districtType"])
        put("district", "old", r["districtCode"], dk, dn, r["provinceCode"],
            aliases=clean_aliases(r["districtAlias"], dn, dk))
        old_by_key[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"] = r
        if r["ward"] is None:  # island districts without communes
            continue
        wk, wn = split_kind(r["ward"], r["wardType"])
        put("commune", "old", r["wardCode"], wk, wn, r["districtCode"],
            aliases=clean_aliases(r["wardAlias"], wn, wk))

    # New era.
    new_by_key = {}  # (province key, ward key) → ward code
    new_prov_key = {}
    for r in current:
        pk, pn = province_kind(r["province"])
        put("province", "new", r["provinceCode"], pk, pn,
            aliases=clean_aliases(r["provinceAlias"], pn, pk))
        new_prov_key[r["provinceKey"]] = r["provinceCode"]
        wk, wn = split_kind(r["ward"], r["wardType"])
        put("commune", "new", r["wardCode"], wk, wn, r["provinceCode"],
            aliases=clean_aliases(r["wardAlias"], wn, wk))
        new_by_key[(r["provinceKey"], r["wardKey"])] = r["wardCode"]

    # Old province → new province.
    for new_key, old_keys in conv["DICT_PROVINCE"].items():
        for ok in old_keys:
            rows[("province", "old", old_prov_key[ok])]["successors"] = [new_prov_key[new_key]]

    # Old commune → new communes: whole communes first, then the divided
    # ones, the source's default (isDefaultNewWard) first.
    targets = collections.defaultdict(list)
    for new_key, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in wards.items():
            for ok in old_keys:
                targets[ok].append(new_by_key[(new_key, ward_key)])
    for new_key, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for ok, news in olds.items():
            news = sorted(news, key=lambda w: (not w["isDefaultNewWard"], w["newWardKey"]))
            for w in news:
                targets[ok].append(new_by_key[(new_key, w["newWardKey"])])
    for ok, codes in targets.items():
        r = old_by_key[ok]
        codes = list(dict.fromkeys(codes))
        if r["ward"] is None:
            rows[("district", "old", r["districtCode"])]["successors"] = codes
        else:
            rows[("commune", "old", r["wardCode"])]["successors"] = codes

    for key, extra in EXTRA_ALIASES.items():
        rows[key]["aliases"] = sorted(set(rows[key]["aliases"]) | set(extra))

    # Checks: every old unit maps somewhere, in the new province of its own
    # old province.
    for (level, era, code), row in rows.items():
        if era == "old" and level == "province" and len(row["successors"]) != 1:
            sys.exit(f"build-gazetteer: old province {code} maps to {row['successors']}")
        if era == "old" and level == "commune":
            if not row["successors"]:
                sys.exit(f"build-gazetteer: old commune {code} maps nowhere")
            prov = rows[("district", "old", row["parent"])]["parent"]
            new_prov = rows[("province", "old", prov)]["successors"][0]
            for s in row["successors"]:
                if rows[("commune", "new", s)]["parent"] != new_prov:
                    sys.exit(f"build-gazetteer: old commune {code} → {s} in another province")
    return rows


def compare(tmp, rows):
    """Print (to stderr) how vietnam-provinces' codes and names differ."""
    for name, version, sha in COMPARE:
        z = zipfile.ZipFile(fetch(tmp, name, version, sha))
        data = json.loads(z.read("vietnam_provinces/data/nested-divisions.json"))
        era = "new" if version.startswith("2025") else "old"
        theirs = {}
        for p in data:
            for d in p.get("districts", [{"wards": p.get("wards", [])}]):
                for w in d["wards"]:
                    theirs[f"{w['code']:05d}"] = w["name"]
        ours = {code: row for (lv, e, code), row in rows.items()
                if lv == "commune" and e == era}
        only_ours = sorted(set(ours) - set(theirs))
        only_theirs = sorted(set(theirs) - set(ours))
        renamed = sorted(c for c in set(ours) & set(theirs)
                         if fold_key(ours[c]["name"]) != fold_key(theirs[c].split(" ", 1)[-1])
                         and fold_key(ours[c]["kind"] + ours[c]["name"]) != fold_key(theirs[c]))
        print(f"{name} {version} ({era} communes): {len(theirs)} there, {len(ours)} here; "
              f"codes only here {len(only_ours)}, only there {len(only_theirs)}, "
              f"same code but another name {len(renamed)}", file=sys.stderr)
        for c in renamed[:10]:
            print(f"  {c}: here {ours[c]['kind']} {ours[c]['name']}, there {theirs[c]}",
                  file=sys.stderr)


HEADER = """\
# sohoa gazetteer: Vietnam's administrative units before and since 1 July 2025.
# Built by scripts/build-gazetteer.py on {built} from the PyPI package
# vietnamadminunits {version} (MIT licence, (c) 2025 Tran Ngoc Minh Hieu; its
# data compiled from the General Statistics Office's code list,
# danhmuchanhchinh.gso.gov.vn, and the merger maps of sapnhap.bando.com.vn).
# Codes are the GSO's. The old era is the state of 30 June 2025 (e.g. Thành
# phố Huế for Thừa Thiên Huế, Thị xã Nghi Sơn for huyện Tĩnh Gia); names from
# earlier years are in the aliases column where the source knows them.
# Counts: {counts}.
# Old → new mapping: every old province to one new province, every old
# commune to the new commune(s) its land went to ({divided} old communes were
# divided between several; the source's most likely one is listed first).
#
# Columns (tab-separated; one unit per line; sorted by level, era, code):
#   level       province | district | commune (districts exist only in the old era)
#   era         old (before 1 July 2025) | new (since)
#   code        GSO code: 2 digits province, 3 district, 5 commune; an old
#               province's code, zero-padded to 3 digits, is the CCCD prefix
#   kind        tỉnh | thành phố trung ương | quận | huyện | thị xã | thành phố
#               | xã | phường | thị trấn | đặc khu
#   name        the name without its kind word ("Đình Tổ" for Xã Đình Tổ)
#   parent      old commune: its district; district: its province; new
#               commune: its province; empty for provinces
#   successors  old province: its new province; old commune (and the island
#               districts that had no communes): the new commune codes,
#               space-separated; empty otherwise
#   aliases     former or other names, as folded keys (lower case, no marks,
#               đ → d, no spaces), ';'-separated
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "gazetteer.tsv"))
    ap.add_argument("--date", default=datetime.datetime.now(datetime.timezone.utc).date().isoformat(),
                    help="the built date written in the header (default: today, UTC)")
    ap.add_argument("--compare", action="store_true",
                    help="also download vietnam-provinces and report where its codes differ")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        rows = build(fetch(tmp, *SOURCE))
        if args.compare:
            compare(tmp, rows)

    order = {"province": 0, "district": 1, "commune": 2}
    counts = collections.Counter((lv, era) for lv, era, _ in rows)
    divided = sum(1 for (lv, era, _), r in rows.items()
                  if lv == "commune" and era == "old" and len(r["successors"]) > 1)
    count_text = (f"old: {counts['province', 'old']} provinces, {counts['district', 'old']} "
                  f"districts, {counts['commune', 'old']} communes; new: "
                  f"{counts['province', 'new']} provinces, {counts['commune', 'new']} communes")
    buf = io.StringIO()
    buf.write(HEADER.format(built=args.date, version=SOURCE[1], counts=count_text, divided=divided))
    buf.write("#level\tera\tcode\tkind\tname\tparent\tsuccessors\taliases\n")
    for (level, era, code) in sorted(rows, key=lambda k: (order[k[0]], k[1] != "old", k[2])):
        r = rows[(level, era, code)]
        fields = [level, era, code, r["kind"], r["name"], r["parent"],
                  " ".join(r["successors"]), ";".join(r["aliases"])]
        for f in fields:
            if "\t" in f or "\n" in f:
                sys.exit(f"build-gazetteer: tab or newline in {fields}")
        buf.write("\t".join(fields) + "\n")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(buf.getvalue())
    print(f"build-gazetteer: wrote {args.out} ({len(buf.getvalue().encode())} bytes; {count_text})",
          file=sys.stderr)


if __name__ == "__main__":
    main()
