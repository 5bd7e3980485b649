#!/usr/bin/env python3
"""Build (and check) newsmark's bundled sample data in ../sample_data/.

Usage (from anywhere):

    python3 tools/make_sample_ron.py --write-texts   # (re)write the .txt articles, then .ron + check
    python3 tools/make_sample_ron.py                 # read the .txt articles, write .ron, check
    python3 tools/make_sample_ron.py --check         # only re-read and verify the .ron files
    python3 tools/make_sample_ron.py --show          # also print every span in context

The article texts live in ARTICLES below, because some of their bytes are easy
to lose in an editor: CRLF line endings, a UTF-8 BOM, an NFD "Zoë" (Z o e +
U+0308), emoji and ZWJ sequences. Without --write-texts the .txt files on disk
are the source of truth and are never modified.

Offsets are Unicode code points (Python str indices) over the text exactly as
stored, with a leading BOM removed first (CRLF counts as two characters).

Annotation guidelines applied by hand in ANNOTATIONS:

* person     every mention of a named individual, full name or surname only
             ("Zarepour", "Ødegaard" in "Ødegaard’s"). Pronouns are not tagged.
* role       a title or office, capitalised or not ("Minister of ICT",
             "ICT minister", "first deputy minister of communications").
             A possessive or demonym in front is NOT part of the role
             ("Iran’s | Minister of ICT", "German | Federal Minister of
             Health"); an "of <Country>" / "to <Country>" complement after the
             title IS part of it, and the country inside is tagged as well
             (nested): "First Deputy Minister of Communications of Cuba".
* country    country names (also the long form "Islamic Republic of Iran",
             tagged once as a whole) and capitals used to stand for the
             country or its government ("Tehran", "Oslo", "Brasília").
             Demonyms ("Iranian", "Cuban", "German"), languages, regions,
             other cities and flag emoji are not tagged. The possessive ’s is
             outside the span ("Iran" in "Iran’s").
* initiative a named or specifically referenced project, programme, plan,
             fund or corridor ("optical fiber project", "Mekong Offshore Wind
             Partnership"). Generic back-references ("the initiative", "the
             corridor", "the fund") and fields of activity ("e-government",
             "mega data centers") are not tagged. Countries inside an
             initiative's name are tagged too (nested).
"""

import argparse
import hashlib
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "sample_data"
BOM = "\ufeff"

NFD_ZOE = "Zoe\u0308"  # Zoë in NFD: Z, o, e, COMBINING DIAERESIS
FLAG_CL = "\U0001F1E8\U0001F1F1"  # 🇨🇱
FLAG_NZ = "\U0001F1F3\U0001F1FF"  # 🇳🇿
TECHNOLOGIST = "\U0001F469\u200D\U0001F4BB"  # 👩‍💻 woman technologist (ZWJ sequence)
WAVE = "\U0001F30A"  # 🌊

# name -> (title, paragraphs, line ending, write a UTF-8 BOM?)
ARTICLES = {
    "2024-05-iran-cuba-ict.txt": (
        "Tehran and Havana look to deepen ICT cooperation",
        [
            "Iran and Cuba want to widen their cooperation in information and communications technology, senior officials from the two countries said after talks this week.",
            "Iran’s Minister of ICT, Issa Zarepour, met Wilfredo González Vidal, First Deputy Minister of Communications of Cuba, to review where the two governments could work side by side. Their agenda covered communications infrastructure, e-government and the construction of mega data centers.",
            "Zarepour said Iranian technology firms were ready to enter the Cuban market and to pass on know-how built up at home. He named the optical fiber project as one area for joint work, alongside helping Cuba move its mobile network from 2G and 3G to 4G.",
            "Zarepour, Iran’s ICT minister, also pointed to his country’s e-government programme, saying Tehran was willing to share lessons from putting public services online. In his view, the sanctions both countries face have pushed local companies to develop technology of their own.",
            "Speaking for the Cuban side, the first deputy minister of communications said Havana attaches great importance to its relations with the Islamic Republic of Iran and is keen to work with Iranian companies to strengthen Cuba’s ICT infrastructure. González Vidal added that Cuba sees Iran’s experience in the sector as a useful model.",
            "Officials said technical teams would meet again to discuss the optical fiber project and a 4G upgrade plan in more detail.",
        ],
        "\n",
        False,
    ),
    "2024-06-norway-vietnam-offshore-wind.txt": (
        "Norway and Vietnam sign offshore wind and green shipping pact",
        [
            "Norway and Vietnam on Tuesday launched the Mekong Offshore Wind Partnership, a five-year programme meant to help Vietnam build its first large wind farms at sea.",
            "The agreement was signed by Norway’s Minister of Climate and Environment, Søren Ødegaard, and Vietnam’s Deputy Minister of Industry and Trade, Nguyễn Thị Lan, at the end of Ødegaard’s three-day visit.",
            "“We are not here to sell turbines; we are here to share what worked for us and what didn’t,” Ødegaard told reporters. Oslo will pay for technical training for Vietnamese engineers, while Hanoi has promised to simplify permits for projects along its coast.",
            "A second strand, the Norway–Vietnam Green Shipping Corridor, will test low-emission fuels on container routes between the two countries. The deputy minister said the corridor could later be extended to Singapore and Japan if the first trials go well.",
            "Nguyễn Thị Lan also said the Mekong Offshore Wind Partnership would sit alongside Vietnam’s own Power Development Plan 8, which sets targets for wind and solar capacity through 2030.",
            "Ingrid Bjørnstad-Lê, the Ambassador of Norway to Vietnam, called the deal “a practical start” and said the first feasibility studies would be published before the end of 2025.",
        ],
        "\r\n",
        False,
    ),
    "2024-07-brazil-germany-vaccine-cold-chain.txt": (
        "Brazil and Germany back a cold-chain network for vaccines in the Amazon",
        [
            "Brazil and Germany on Thursday unveiled the Amazon Cold Chain Initiative, a joint effort to keep vaccines at the right temperature on their long journey to riverside communities.",
            "Brazil’s Minister of Health, Beatriz Araújo Gonçalves, and the German Federal Minister of Health, José Müller, presented the plan at a joint press conference. Müller, whose mother grew up in Belém, opened his remarks in Portuguese.",
            "Under the initiative, solar-powered refrigerators will be installed at river clinics, and boat crews will be trained to log temperatures with a simple phone app. Berlin will contribute €40 million over four years, and Brasília will pay for staff through its existing Saúde Ribeirinha programme.",
            "“A vaccine that arrives warm is a vaccine that never arrived,” Araújo Gonçalves said. “Our nurses already travel for days by boat; they deserve equipment that doesn’t let them down.”",
            "The two governments also agreed to set up a Brazil Vaccine Access Fund to help municipalities buy doses in bulk. Sweden’s Special Envoy for Global Health, Lars-Åke Nyström, who attended as an observer, said Stockholm would consider joining the fund next year.",
            "The announcement follows talks in March between the President of Brazil and the Chancellor of Germany, who agreed that health should be one of the pillars of their partnership.",
        ],
        "\n",
        True,
    ),
    "2024-08-chile-new-zealand-ocean-watch.txt": (
        "Chile and New Zealand launch a shared ocean-monitoring programme",
        [
            "Chile and New Zealand have launched South Pacific Ocean Watch, a programme that will pool readings from buoys, satellites and fishing vessels to spot marine heatwaves earlier.",
            "The programme was unveiled by New Zealand’s Minister of Science, Innovation and Technology, Aroha Ngāwhika, and Chile’s Minister of Science, Camila Fuentes Ibáñez, at a ceremony streamed from both sides of the Pacific.",
            f"{NFD_ZOE} Hartmann-Ruiz, who leads the project’s data team, marked the day on social media: “Day one of South Pacific Ocean Watch {FLAG_CL}{FLAG_NZ} First buoy feed is live and the dashboard actually works! {TECHNOLOGIST}{WAVE}”",
            "Wellington has pledged funding for four years, and Santiago has promised to match it. Fuentes Ibáñez said Peru and Ecuador had been invited to take part, and that Peru’s Vice Minister of Fisheries, Óscar Quispe Mamani, would attend the next technical meeting.",
            "Ngāwhika said the first public tool would be the Chile–New Zealand Marine Heatwave Alert, a text-message warning service for small fishing crews. “If a skipper gets a day’s notice, that can save a season,” she said.",
            "Hartmann-Ruiz told reporters the team hopes to add Pacific Island states, starting with Fiji and Samoa, once the alert service has been tested.",
        ],
        "\n",
        False,
    ),
}

P, R, C, I = "person", "role", "country", "initiative"
ALL = "all"

# name -> [(quote, label, occurrence)], occurrence = 0-based index among the
# whole-word occurrences of quote in the text, a list of such indices, or ALL.
ANNOTATIONS = {
    "2024-05-iran-cuba-ict.txt": [
        # title
        ("Tehran", C, 0),
        ("Havana", C, 0),
        # ¶1
        ("Iran", C, 0),
        ("Cuba", C, 0),
        # ¶2
        ("Iran", C, 1),
        ("Minister of ICT", R, 0),
        ("Issa Zarepour", P, 0),
        ("Wilfredo González Vidal", P, 0),
        ("First Deputy Minister of Communications of Cuba", R, 0),
        ("Cuba", C, 1),
        # ¶3
        ("Zarepour", P, 1),
        ("optical fiber project", I, 0),
        ("Cuba", C, 2),
        # ¶4
        ("Zarepour", P, 2),
        ("Iran", C, 2),
        ("ICT minister", R, 0),
        ("e-government programme", I, 0),
        ("Tehran", C, 1),
        # ¶5
        ("first deputy minister of communications", R, 0),
        ("Havana", C, 1),
        ("Islamic Republic of Iran", C, 0),
        ("Cuba", C, 3),
        ("González Vidal", P, 1),
        ("Cuba", C, 4),
        ("Iran", C, 4),  # Iran 3 is inside "Islamic Republic of Iran"
        # ¶6
        ("optical fiber project", I, 1),
        ("4G upgrade plan", I, 0),
    ],
    "2024-06-norway-vietnam-offshore-wind.txt": [
        # title
        ("Norway", C, 0),
        ("Vietnam", C, 0),
        # ¶1
        ("Norway", C, 1),
        ("Vietnam", C, 1),
        ("Mekong Offshore Wind Partnership", I, 0),
        ("Vietnam", C, 2),
        # ¶2
        ("Norway", C, 2),
        ("Minister of Climate and Environment", R, 0),
        ("Søren Ødegaard", P, 0),
        ("Vietnam", C, 3),
        ("Deputy Minister of Industry and Trade", R, 0),
        ("Nguyễn Thị Lan", P, 0),
        ("Ødegaard", P, 1),
        # ¶3
        ("Ødegaard", P, 2),
        ("Oslo", C, 0),
        ("Hanoi", C, 0),
        # ¶4
        ("Norway–Vietnam Green Shipping Corridor", I, 0),
        ("Norway", C, 3),
        ("Vietnam", C, 4),
        ("deputy minister", R, 0),
        ("Singapore", C, 0),
        ("Japan", C, 0),
        # ¶5
        ("Nguyễn Thị Lan", P, 1),
        ("Mekong Offshore Wind Partnership", I, 1),
        ("Vietnam", C, 5),
        ("Power Development Plan 8", I, 0),
        # ¶6
        ("Ingrid Bjørnstad-Lê", P, 0),
        ("Ambassador of Norway to Vietnam", R, 0),
        ("Norway", C, 4),
        ("Vietnam", C, 6),
    ],
    "2024-07-brazil-germany-vaccine-cold-chain.txt": [
        # title
        ("Brazil", C, 0),
        ("Germany", C, 0),
        # ¶1
        ("Brazil", C, 1),
        ("Germany", C, 1),
        ("Amazon Cold Chain Initiative", I, 0),
        # ¶2
        ("Brazil", C, 2),
        ("Minister of Health", R, 0),
        ("Beatriz Araújo Gonçalves", P, 0),
        ("Federal Minister of Health", R, 0),  # "German" is a demonym: outside
        ("José Müller", P, 0),
        ("Müller", P, 1),
        # ¶3
        ("Berlin", C, 0),
        ("Brasília", C, 0),
        ("Saúde Ribeirinha programme", I, 0),
        # ¶4
        ("Araújo Gonçalves", P, 1),
        # ¶5
        ("Brazil Vaccine Access Fund", I, 0),
        ("Brazil", C, 3),
        ("Sweden", C, 0),
        ("Special Envoy for Global Health", R, 0),
        ("Lars-Åke Nyström", P, 0),
        ("Stockholm", C, 0),
        # ¶6
        ("President of Brazil", R, 0),
        ("Brazil", C, 4),
        ("Chancellor of Germany", R, 0),
        ("Germany", C, 2),
    ],
    "2024-08-chile-new-zealand-ocean-watch.txt": [
        # title
        ("Chile", C, 0),
        ("New Zealand", C, 0),
        # ¶1
        ("Chile", C, 1),
        ("New Zealand", C, 1),
        ("South Pacific Ocean Watch", I, 0),
        # ¶2
        ("New Zealand", C, 2),
        ("Minister of Science, Innovation and Technology", R, 0),
        ("Aroha Ngāwhika", P, 0),
        ("Chile", C, 2),
        ("Minister of Science", R, 1),  # 0 is inside the New Zealand title
        ("Camila Fuentes Ibáñez", P, 0),
        # ¶3
        (f"{NFD_ZOE} Hartmann-Ruiz", P, 0),
        ("South Pacific Ocean Watch", I, 1),
        # ¶4
        ("Wellington", C, 0),
        ("Santiago", C, 0),
        ("Fuentes Ibáñez", P, 1),
        ("Peru", C, 0),
        ("Ecuador", C, 0),
        ("Peru", C, 1),
        ("Vice Minister of Fisheries", R, 0),
        ("Óscar Quispe Mamani", P, 0),
        # ¶5
        ("Ngāwhika", P, 1),
        ("Chile–New Zealand Marine Heatwave Alert", I, 0),
        ("Chile", C, 3),
        ("New Zealand", C, 3),
        # ¶6
        ("Hartmann-Ruiz", P, 1),
        ("Fiji", C, 0),
        ("Samoa", C, 0),
    ],
}

LABELS = (P, R, C, I)


# --------------------------------------------------------------------------
# text I/O


def article_text(name):
    title, paras, eol, _bom = ARTICLES[name]
    return eol.join([title, ""] + paras) + eol


def write_texts():
    for name, (_t, _p, _eol, bom) in ARTICLES.items():
        data = article_text(name).encode("utf-8")
        if bom:
            data = BOM.encode("utf-8") + data
        (DATA / name).write_bytes(data)
        print(f"wrote {name}")


def read_text(path):
    """The text as newsmark sees it: UTF-8, no newline translation, BOM removed."""
    text = path.read_bytes().decode("utf-8")
    had_bom = text.startswith(BOM)
    if had_bom:
        text = text[1:]
    return text, had_bom


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------
# finding spans


def is_word_char(ch):
    return ch.isalnum() or unicodedata.combining(ch) != 0 or ch == "_"


def word_occurrences(text, quote):
    """Start offsets of quote in text where it is not part of a longer word."""
    out = []
    i = text.find(quote)
    while i != -1:
        before = text[i - 1] if i > 0 else ""
        after = text[i + len(quote)] if i + len(quote) < len(text) else ""
        ok_before = not (before and is_word_char(before) and is_word_char(quote[0]))
        ok_after = not (after and is_word_char(after) and is_word_char(quote[-1]))
        if ok_before and ok_after:
            out.append(i)
        i = text.find(quote, i + 1)
    return out


def resolve(name, text):
    spans = []
    for quote, label, occ in ANNOTATIONS[name]:
        if label not in LABELS:
            sys.exit(f"{name}: unknown label {label!r}")
        starts = word_occurrences(text, quote)
        if occ == ALL:
            wanted = list(range(len(starts)))
        elif isinstance(occ, int):
            wanted = [occ]
        else:
            wanted = list(occ)
        for k in wanted:
            if k >= len(starts):
                sys.exit(f"{name}: {quote!r} has only {len(starts)} whole-word occurrence(s), wanted #{k}")
            s = starts[k]
            spans.append((s, s + len(quote), label, quote))
    if len(set(spans)) != len(spans):
        dup = [sp for sp in spans if spans.count(sp) > 1]
        sys.exit(f"{name}: duplicate span(s) {dup}")
    spans.sort(key=lambda sp: (sp[0], -sp[1], sp[2]))
    return [dict(id=i + 1, start=s, end=e, label=l, text=q) for i, (s, e, l, q) in enumerate(spans)]


def completeness_warnings(name, text, spans):
    """Whole-word occurrences of an annotated quote that carry no span of that
    label and are not inside another span of the same label."""
    warnings = []
    seen = set()
    for sp in spans:
        key = (sp["text"], sp["label"])
        if key in seen:
            continue
        seen.add(key)
        for s in word_occurrences(text, sp["text"]):
            e = s + len(sp["text"])
            covered = any(o["label"] == sp["label"] and o["start"] <= s and e <= o["end"] for o in spans)
            if not covered:
                warnings.append(f"{name}: untagged {sp['label']} {sp['text']!r} at {s}: …{context(text, s, e)}…")
    return warnings


# --------------------------------------------------------------------------
# RON


def ron_string(s):
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def to_ron(name, text, spans):
    lines = [
        "(",
        "    format: 1,",
        f"    document: {ron_string(name)},",
        f"    text_sha256: {ron_string(sha256(text))},",
        "    spans: [",
    ]
    for sp in spans:
        lines.append(
            f"        (id: {sp['id']}, start: {sp['start']}, end: {sp['end']}, "
            f"label: {ron_string(sp['label'])}, text: {ron_string(sp['text'])}),"
        )
    lines += ["    ],", ")"]
    return "\n".join(lines) + "\n"


def parse_ron_string(s, i):
    """Parse a RON string literal starting at s[i] == '"'; return (value, next index)."""
    assert s[i] == '"', (s[i:i + 20], i)
    i += 1
    out = []
    while True:
        ch = s[i]
        if ch == '"':
            return "".join(out), i + 1
        if ch == "\\":
            nxt = s[i + 1]
            simple = {"\\": "\\", '"': '"', "n": "\n", "r": "\r", "t": "\t", "0": "\0"}
            if nxt in simple:
                out.append(simple[nxt])
                i += 2
            elif nxt == "u":
                close = s.index("}", i)
                out.append(chr(int(s[i + 3:close], 16)))
                i = close + 1
            else:
                raise ValueError(f"bad escape \\{nxt}")
        else:
            out.append(ch)
            i += 1


def parse_ron(src):
    """A small parser for exactly the layout to_ron writes."""
    import re

    lines = src.split("\n")
    assert src.endswith(")\n") and "\r" not in src, "must end with ')\\n' and use LF"
    assert lines[0] == "(" and lines[1] == "    format: 1,"
    doc, _ = parse_ron_string(lines[2], lines[2].index('"'))
    sha, _ = parse_ron_string(lines[3], lines[3].index('"'))
    assert lines[4] == "    spans: [" and lines[-3] == "    ]," and lines[-2] == ")" and lines[-1] == ""
    spans = []
    pat = re.compile(r"        \(id: (\d+), start: (\d+), end: (\d+), label: ")
    for line in lines[5:-3]:
        m = pat.match(line)
        assert m, line
        label, j = parse_ron_string(line, m.end())
        assert line[j:j + 8] == ", text: ", line
        quote, j = parse_ron_string(line, j + 8)
        assert line[j:] == "),", line
        spans.append(dict(id=int(m[1]), start=int(m[2]), end=int(m[3]), label=label, text=quote))
    return doc, sha, spans


# --------------------------------------------------------------------------
# checking and showing


def context(text, s, e, width=25):
    vis = lambda t: t.replace("\r", "␍").replace("\n", "␊")
    return f"{vis(text[max(0, s - width):s])}[{vis(text[s:e])}]{vis(text[e:e + width])}"


def check_all():
    ok = True
    txts = sorted(p for p in DATA.glob("*.txt"))
    for txt in txts:
        ron = txt.with_suffix(".ron")
        if not ron.exists():
            print(f"MISSING {ron.name}")
            ok = False
            continue
        text, _bom = read_text(txt)
        doc, sha, spans = parse_ron(ron.read_text(encoding="utf-8"))
        errs = []
        if doc != txt.name:
            errs.append(f"document {doc!r} != {txt.name!r}")
        if sha != sha256(text):
            errs.append("text_sha256 mismatch")
        ids = [sp["id"] for sp in spans]
        if len(set(ids)) != len(ids) or min(ids) < 1:
            errs.append("ids not unique positive")
        keys = [(sp["start"], -sp["end"], sp["id"]) for sp in spans]
        if keys != sorted(keys):
            errs.append("spans not sorted by (start, end desc, id)")
        for sp in spans:
            if not (0 <= sp["start"] < sp["end"] <= len(text)):
                errs.append(f"span {sp['id']} out of range")
            elif text[sp["start"]:sp["end"]] != sp["text"]:
                errs.append(f"span {sp['id']} quote {sp['text']!r} != text {text[sp['start']:sp['end']]!r}")
            if sp["label"] not in LABELS:
                errs.append(f"span {sp['id']} bad label {sp['label']!r}")
            if sp["text"] != sp["text"].strip():
                errs.append(f"span {sp['id']} has surrounding whitespace")
        # spans may nest but must not cross
        for a in spans:
            for b in spans:
                if a["start"] < b["start"] < a["end"] < b["end"]:
                    errs.append(f"spans {a['id']} and {b['id']} cross")
        status = "ok" if not errs else "FAIL"
        print(f"check {ron.name}: {status} ({len(spans)} spans)")
        for e in errs:
            print("   ", e)
        ok = ok and not errs
    return ok


def show(name, text, spans):
    print(f"\n=== {name} ===")
    for sp in spans:
        print(f"{sp['id']:3} {sp['label']:10} {sp['start']:5}-{sp['end']:<5} …{context(text, sp['start'], sp['end'])}…")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write-texts", action="store_true", help="(re)write the .txt articles from ARTICLES")
    ap.add_argument("--check", action="store_true", help="only verify existing .ron files")
    ap.add_argument("--show", action="store_true", help="print every span in context")
    args = ap.parse_args()

    DATA.mkdir(exist_ok=True)
    if not args.check:
        if args.write_texts:
            write_texts()
        warnings = []
        for name in ANNOTATIONS:
            path = DATA / name
            text, had_bom = read_text(path)
            if not args.write_texts and text != article_text(name):
                print(f"note: {name} on disk differs from ARTICLES; annotating the file on disk")
            spans = resolve(name, text)
            warnings += completeness_warnings(name, text, spans)
            (DATA / name).with_suffix(".ron").write_text(to_ron(name, text, spans), encoding="utf-8", newline="\n")
            counts = {l: sum(sp["label"] == l for sp in spans) for l in LABELS}
            eol = "CRLF" if "\r\n" in text else "LF"
            print(f"wrote {path.with_suffix('.ron').name}: {len(spans)} spans {counts} [{eol}{', BOM' if had_bom else ''}]")
            if args.show:
                show(name, text, spans)
        for w in warnings:
            print("WARNING", w)
    if not check_all():
        sys.exit(1)


if __name__ == "__main__":
    main()
