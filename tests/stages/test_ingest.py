"""Tests for storyline.stages.ingest on files written to tmp_path (no spaCy needed)."""

from __future__ import annotations

import json
import random
from datetime import date, datetime
from pathlib import Path

import pytest

from storyline.model import Document, Skip
from storyline.stages.ingest import Ingested, decode, ingest, normalize_date

LIMIT = 100_000

GOOD_TEXT = (
    "Dock workers at the northern harbour walked out on Tuesday morning after talks with "
    "the port authority broke down over a proposed pay freeze.\n\n"
    "The union said about four hundred members had joined the strike.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour workers strike over pay</title>
<meta property="og:site_name" content="Coastal Courier">
<meta property="og:title" content="Harbour workers strike over pay">
<meta property="article:published_time" content="2024-03-05T08:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">Navigation menu entry</a></nav>
<article>
<h1>Harbour workers strike over pay</h1>
<p>Dock workers at the northern harbour walked out on Tuesday morning after talks with the
port authority broke down over a proposed pay freeze.</p>
<p>The union said about four hundred members had joined the strike and that cargo handling
would stop until the authority returned to the table.</p>
<p>A spokesperson for the port authority said the offer was fair and that contingency plans
were in place to keep the ferries running.</p>
</article>
<footer>Copyright notice of the footer</footer>
</body></html>
"""

EMPTY_HTML = (
    "<html><head><title>A title only</title></head><body><script>var a = 1;</script></body></html>"
)


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _one_document(result: Ingested) -> Document:
    assert result.skips == ()
    assert len(result.documents) == 1
    return result.documents[0]


def _undecodable_bytes() -> bytes:
    """High bytes and C0 control bytes (no NUL): neither UTF-8 nor any text encoding."""
    rng = random.Random(0)
    alphabet = [*range(0x80, 0x100), *range(1, 9), 0x0B, 0x0E, 0x0F, 0x10, 0x1B]
    return bytes(rng.choice(alphabet) for _ in range(2000))


# --- formats -------------------------------------------------------------------------------

BOM_UTF16 = "The café reopened on Monday, the owner said.\n"

TEXT_CASES = [
    pytest.param(
        "plain.txt",
        GOOD_TEXT,
        {"raw": GOOD_TEXT, "format": "text", "title": None, "outlet": None, "published": None},
        id="plain-text",
    ),
    pytest.param(
        "header.txt",
        "TITLE: Harbour strike\nOUTLET: Coastal Courier\nURL: https://example.org/strike\n"
        "DATE: 2024-03-05\n---\n" + GOOD_TEXT,
        {
            "raw": GOOD_TEXT,
            "format": "text",
            "title": "Harbour strike",
            "outlet": "Coastal Courier",
            "url": "https://example.org/strike",
            "published": "2024-03-05",
        },
        id="key-value-header",
    ),
    pytest.param(
        "synonyms.txt",
        "Title: Ferry services cut\nSource: Island Post\nPublished: 2024-03-06T09:15:00+02:00\n"
        "---\n" + GOOD_TEXT,
        {
            "raw": GOOD_TEXT,
            "title": "Ferry services cut",
            "outlet": "Island Post",
            "published": "2024-03-06",
        },
        id="header-synonyms-any-case",
    ),
    pytest.param(
        "blank-closed.txt",
        "TITLE: Harbour strike\nOUTLET: Coastal Courier\nDATE: 2024-03-05\n\n" + GOOD_TEXT,
        {
            "raw": GOOD_TEXT,
            "title": "Harbour strike",
            "outlet": "Coastal Courier",
            "published": "2024-03-05",
        },
        id="header-closed-by-a-blank-line",
    ),
    pytest.param(
        "date-line.txt",
        "Date: 5 March 2024\n\n" + GOOD_TEXT,
        {"raw": GOOD_TEXT, "title": None, "published": "2024-03-05"},
        id="one-date-line-closed-by-a-blank-line",
    ),
    pytest.param(
        "label.txt",
        "Update: the union has since called off the strike\n\n" + GOOD_TEXT,
        {"raw": "Update: the union has since called off the strike\n\n" + GOOD_TEXT},
        id="a-label-line-before-a-blank-line-is-text",
    ),
    pytest.param(
        "unreadable-date.txt",
        "DATE: soon\n\n" + GOOD_TEXT,
        {"raw": "DATE: soon\n\n" + GOOD_TEXT, "published": None},
        id="one-unreadable-date-line-is-text",
    ),
    pytest.param(
        "unclosed.txt",
        "TITLE: Not closed\n" + GOOD_TEXT,
        {"raw": "TITLE: Not closed\n" + GOOD_TEXT, "title": None},
        id="header-without-closing-line-is-text",
    ),
    pytest.param(
        "front.md",
        "---\ntitle: Front matter title\noutlet: Harbour Weekly\n"
        "date: 2024-03-06T10:00:00Z\n---\n" + GOOD_TEXT,
        {
            "raw": GOOD_TEXT,
            "format": "markdown",
            "title": "Front matter title",
            "outlet": "Harbour Weekly",
            "published": "2024-03-06",
        },
        id="yaml-front-matter",
    ),
    pytest.param(
        "quoted.md",
        '---\ntitle: "Quoted title"\ndate: "2024-03-06"\n---\n' + GOOD_TEXT,
        {"raw": GOOD_TEXT, "title": "Quoted title", "published": "2024-03-06"},
        id="yaml-front-matter-quoted-values",
    ),
    pytest.param(
        "extra.md",
        "---\ntitle: Front matter title\nauthor: Jane Okafor\n---\n" + GOOD_TEXT,
        {"raw": GOOD_TEXT, "title": "Front matter title"},
        id="yaml-front-matter-with-other-keys",
    ),
    pytest.param(
        "nested.md",
        "---\ntitle: 'Dockers'' strike'\n# a comment\ntags:\n  - harbour\n  - strike\n"
        "author:\n  name: Jane Okafor\n\nsource: Harbour Weekly\n---\n" + GOOD_TEXT,
        {"raw": GOOD_TEXT, "title": "Dockers' strike", "outlet": "Harbour Weekly"},
        id="yaml-front-matter-lists-comments-nesting",
    ),
    pytest.param(
        "mismatched.md",
        "---\ntitle: \"Half quoted'\n---\n" + GOOD_TEXT,
        {"raw": GOOD_TEXT, "title": "\"Half quoted'"},
        id="yaml-front-matter-mismatched-quotes-kept",
    ),
    pytest.param(
        "quoted.txt",
        "TITLE: \"Harbour strike\"\nDATE: '2024-03-05'\n---\n" + GOOD_TEXT,
        {"raw": GOOD_TEXT, "title": "Harbour strike", "published": "2024-03-05"},
        id="key-value-header-quoted-values",
    ),
    pytest.param(
        "rule.txt",
        "---\nDock workers walked out on Tuesday.\n---\n" + GOOD_TEXT,
        {"raw": "---\nDock workers walked out on Tuesday.\n---\n" + GOOD_TEXT, "title": None},
        id="rule-around-prose-is-text",
    ),
    pytest.param(
        "unclosed.md",
        "---\ntitle: Never closed\n" + GOOD_TEXT,
        {"raw": "---\ntitle: Never closed\n" + GOOD_TEXT, "title": None},
        id="front-matter-without-closing-line-is-text",
    ),
    pytest.param(
        "headings.md",
        "# Harbour strike\n\nDock workers walked out.\n\n## Reaction\nThe union welcomed it.\n"
        "#hashtag stays\n",
        {
            "raw": "Harbour strike\n\nDock workers walked out.\n\nReaction\n"
            "The union welcomed it.\n#hashtag stays\n",
            "format": "markdown",
        },
        id="markdown-headings-stripped",
    ),
    pytest.param(
        "hashes.txt",
        "# Not markdown\nDock workers walked out.\n",
        {"raw": "# Not markdown\nDock workers walked out.\n", "format": "text"},
        id="text-file-keeps-hashes",
    ),
    pytest.param(
        "crlf.txt",
        b"Line one.\r\n\r\nLine two.\rLine three.\r\n",
        {"raw": "Line one.\n\nLine two.\nLine three.\n"},
        id="crlf-and-cr-normalised",
    ),
    pytest.param(
        "bom.txt",
        "\ufeffThe café reopened.\n".encode(),
        {"raw": "The café reopened.\n"},
        id="utf8-with-bom",
    ),
    pytest.param(
        "utf16.txt",
        BOM_UTF16.encode("utf-16"),
        {"raw": BOM_UTF16},
        id="utf16-with-bom",
    ),
    pytest.param(
        "cp1252-short.txt",
        "The café on the corner reopened on Monday.\n".encode("cp1252"),
        {"raw": "The café on the corner reopened on Monday.\n"},
        id="cp1252-cafe",
    ),
    pytest.param(
        "latin1-short.txt",
        "The café on the corner reopened on Monday.\n".encode("latin-1"),
        {"raw": "The café on the corner reopened on Monday.\n"},
        id="latin1-cafe",
    ),
    pytest.param(
        "cp1252-quotes.txt",
        ("He said: “the café is open” – and left.\n" * 5).encode("cp1252"),
        {"raw": "He said: “the café is open” – and left.\n" * 5},
        id="cp1252-smart-quotes",
    ),
    pytest.param(
        "latin1-accents.txt",
        ("Café prices rose in Zürich, São Paulo and Málaga last year, analysts said.\n" * 3).encode(
            "latin-1"
        ),
        {"raw": "Café prices rose in Zürich, São Paulo and Málaga last year, analysts said.\n" * 3},
        id="latin1-several-accents",
    ),
    pytest.param(
        "cp1252-euro.txt",
        "Tickets rose to €5, the operator’s spokesman said — about 20% more.\n".encode("cp1252"),
        {"raw": "Tickets rose to €5, the operator’s spokesman said — about 20% more.\n"},
        id="cp1252-euro-and-dashes",
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), TEXT_CASES)
def test_text_formats(
    tmp_path: Path, name: str, content: str | bytes, expected: dict[str, str | None]
) -> None:
    path = _write(tmp_path, name, content)
    document = _one_document(ingest([path], max_bytes=LIMIT))
    assert document.path == str(path)
    for field, value in expected.items():
        assert getattr(document, field) == value, field


@pytest.mark.parametrize(
    ("sidecar_name", "meta", "expected"),
    [
        pytest.param(
            "story.meta.json",
            {
                "title": "Side title",
                "outlet": "Side outlet",
                "url": "https://example.org/s",
                "published": "2024-03-07",
            },
            {
                "title": "Side title",
                "outlet": "Side outlet",
                "url": "https://example.org/s",
                "published": "2024-03-07",
            },
            id="stem-sidecar",
        ),
        pytest.param(
            "story.txt.meta.json",
            {"title": "Full-name sidecar", "date": "2024-03-08T22:00:00Z"},
            {"title": "Full-name sidecar", "published": "2024-03-08"},
            id="full-name-sidecar-date-key",
        ),
        pytest.param(
            "story.meta.json",
            {"source": "Island Post", "title": "   "},
            {"outlet": "Island Post", "title": None},
            id="source-key-blank-title",
        ),
    ],
)
def test_sidecar_metadata(
    tmp_path: Path, sidecar_name: str, meta: dict[str, str], expected: dict[str, str | None]
) -> None:
    _write(tmp_path, "story.txt", GOOD_TEXT)
    _write(tmp_path, sidecar_name, json.dumps(meta))
    document = _one_document(ingest([tmp_path], max_bytes=LIMIT))
    assert document.raw == GOOD_TEXT
    for field, value in expected.items():
        assert getattr(document, field) == value, field


def test_sidecar_overrides_header(tmp_path: Path) -> None:
    story = _write(tmp_path, "story.txt", "TITLE: From header\nOUTLET: Header outlet\n---\nBody.\n")
    _write(tmp_path, "story.meta.json", json.dumps({"title": "From sidecar"}))
    document = _one_document(ingest([story], max_bytes=LIMIT))
    assert (document.title, document.outlet, document.raw) == (
        "From sidecar",
        "Header outlet",
        "Body.\n",
    )


@pytest.mark.parametrize(
    "sidecar",
    [pytest.param("{not json", id="invalid-json"), pytest.param("[1, 2]", id="not-an-object")],
)
def test_bad_sidecar_is_ignored(tmp_path: Path, sidecar: str) -> None:
    _write(tmp_path, "story.txt", GOOD_TEXT)
    _write(tmp_path, "story.meta.json", sidecar)
    document = _one_document(ingest([tmp_path], max_bytes=LIMIT))
    assert (document.raw, document.title) == (GOOD_TEXT, None)


def test_orphan_sidecar_is_a_skip(tmp_path: Path) -> None:
    _write(tmp_path, "story.txt", GOOD_TEXT)
    orphan = _write(tmp_path, "lonely.meta.json", "{}")
    result = ingest([tmp_path], max_bytes=LIMIT)
    assert [d.path for d in result.documents] == [str(tmp_path / "story.txt")]
    assert result.skips == (Skip(str(orphan), "metadata sidecar with no article beside it"),)


def test_html_page(tmp_path: Path) -> None:
    page = _write(tmp_path, "page.html", HTML_PAGE)
    document = _one_document(ingest([page], max_bytes=LIMIT))
    assert document.format == "html"
    assert document.title == "Harbour workers strike over pay"
    assert document.outlet == "Coastal Courier"
    assert document.published == "2024-03-05"
    assert document.raw.startswith("Harbour workers strike over pay")
    for phrase in ("walked out on Tuesday", "four hundred members", "contingency plans"):
        assert phrase in document.raw
    for furniture in ("Navigation menu entry", "Copyright notice", "<p>", "og:site_name"):
        assert furniture not in document.raw


def test_html_with_sidecar_and_no_text(tmp_path: Path) -> None:
    page = _write(tmp_path, "page.htm", HTML_PAGE)
    _write(tmp_path, "page.meta.json", json.dumps({"outlet": "Sidecar outlet"}))
    empty = _write(tmp_path, "empty.html", EMPTY_HTML)
    result = ingest([page, empty], max_bytes=LIMIT)
    assert [(d.path, d.outlet) for d in result.documents] == [(str(page), "Sidecar outlet")]
    assert result.skips == (Skip(str(empty), "no article text found in the HTML"),)


def test_jsonl_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": "Plain body text.\r\nSecond line.",
                "title": "T1",
                "outlet": "O1",
                "url": "https://example.org/1",
                "published": "2024-01-02T05:00:00Z",
            }
        ),
        json.dumps({"html": HTML_PAGE, "outlet": "Override outlet"}),
        "{not json",
        json.dumps({"title": "no text here"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": "   ", "html": "  "}),
        json.dumps({"html": EMPTY_HTML}),
        json.dumps({"text": "Text wins over html.", "html": HTML_PAGE, "published": 20240102}),
    ]
    path = _write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    result = ingest([path], max_bytes=LIMIT)
    docs = {d.path: d for d in result.documents}
    assert list(docs) == [f"{path}:1", f"{path}:2", f"{path}:9"]
    first = docs[f"{path}:1"]
    assert (first.raw, first.format, first.title, first.outlet, first.url, first.published) == (
        "Plain body text.\nSecond line.",
        "jsonl",
        "T1",
        "O1",
        "https://example.org/1",
        "2024-01-02",
    )
    second = docs[f"{path}:2"]
    assert (second.format, second.title, second.outlet, second.published) == (
        "html",
        "Harbour workers strike over pay",
        "Override outlet",
        "2024-03-05",
    )
    assert "four hundred members" in second.raw
    ninth = docs[f"{path}:9"]
    assert (ninth.raw, ninth.format, ninth.published) == ("Text wins over html.", "jsonl", None)
    reasons = {s.path: s.reason for s in result.skips}
    assert set(reasons) == {f"{path}:{n}" for n in (3, 4, 6, 7, 8)}
    assert reasons[f"{path}:3"].startswith("invalid JSON (")
    assert "column 2" in reasons[f"{path}:3"]
    assert reasons[f"{path}:4"] == "no 'text' or 'html' field with content"
    assert reasons[f"{path}:6"] == "a JSONL line must be an object with 'text' or 'html'"
    assert reasons[f"{path}:7"] == "no 'text' or 'html' field with content"
    assert reasons[f"{path}:8"] == "no article text found in the HTML"


def test_an_earlier_builds_output_folder_is_no_input(tmp_path: Path) -> None:
    """A story folder built with `--out` inside it: the next build of the folder reads its
    articles, not the last build's report, dossier and stories (one skip for the folder)."""
    root = tmp_path / "story"
    _write(root, "a.txt", GOOD_TEXT)
    for name in ("storyline.duckdb", "report.html", "index.html", "stories/s1/report.html"):
        _write(root, f"out/{name}", "<html><body><p>" + GOOD_TEXT + "</p></body></html>")
    _write(root, "out/dossier.json", json.dumps({"text": GOOD_TEXT}))
    result = ingest([root], max_bytes=LIMIT)
    assert [d.path for d in result.documents] == [str(root / "a.txt")]
    assert [s.path for s in result.skips] == [str(root / "out")]
    assert "earlier storyline build" in result.skips[0].reason
    # the output folder given as the input: nothing of it is read, and it says why
    alone = ingest([root / "out"], max_bytes=LIMIT)
    assert not alone.documents and [s.path for s in alone.skips] == [str(root / "out")]


def test_folder_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    names = [
        "b.txt",
        "a.txt",
        "sub/c.md",
        "sub/deeper/d.txt",
        "z.jsonl",
        ".hidden.txt",
        ".git/objects.txt",
        "sub/.cache/e.txt",
        "README.md",
        "sub/LICENSE",
        "sub/CHANGELOG.txt",
    ]
    for index, name in enumerate(names):
        content = (
            json.dumps({"text": f"Line {index}."}) if name.endswith("jsonl") else f"Text {index}."
        )
        _write(root, name, content)
    result = ingest([root, root / "a.txt"], max_bytes=LIMIT)
    assert [d.path for d in result.documents] == [
        str(root / "a.txt"),
        str(root / "b.txt"),
        str(root / "sub" / "c.md"),
        str(root / "sub" / "deeper" / "d.txt"),
        f"{root / 'z.jsonl'}:1",
    ]
    assert sorted(result.skips, key=lambda s: s.path) == [
        Skip(str(root / "README.md"), "documentation file, not an article"),
        Skip(str(root / "sub" / "CHANGELOG.txt"), "documentation file, not an article"),
        Skip(str(root / "sub" / "LICENSE"), "documentation file, not an article"),
    ]
    seen = [d.path for d in result.documents] + [s.path for s in result.skips]
    hidden = [
        p for p in seen if any(part.startswith(".") for part in Path(p).relative_to(root).parts)
    ]
    assert hidden == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T23:30:00Z", "2024-03-05"),
        ("2024-03-05T23:30:00-05:00", "2024-03-05"),
        ("2024-03-05 10:00", "2024-03-05"),
        ("  2024-03-05  ", "2024-03-05"),
        ("2024-03-05T10:00:00.123456+00:00", "2024-03-05"),
        (date(2024, 3, 5), "2024-03-05"),
        (datetime(2024, 3, 5, 23, 59), "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("05/03/2024", "2024-05-03"),
        ("2024-13-01", None),
        ("2024-02-30", None),
        ("", None),
        ("   ", None),
        (None, None),
        (20240305, None),
        (["2024-03-05"], None),
    ],
)
def test_normalize_date(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected


# --- bad input -------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
NUL_NOISE = bytes(random.Random(3).randrange(256) for _ in range(600)) + b"\x00\x00\x00"
CONTROL_UTF16 = b"\xff\xfe" + ("\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e" * 30 + "text").encode(
    "utf-16-le"
)

BAD_CASES = [
    pytest.param("empty.txt", b"", "empty file", id="empty"),
    pytest.param("blank.txt", b"  \n\t\r\n  \n", "empty file", id="whitespace-only"),
    pytest.param(
        "only-header.txt", b"TITLE: Nothing else\n---\n\n", "empty file", id="only-header"
    ),
    pytest.param("blank.jsonl", b"\n\n  \n", "empty file", id="blank-jsonl"),
    pytest.param("picture.txt", PNG, "binary file (a PNG image), not text", id="png-magic"),
    pytest.param("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF file", id="pdf-magic"),
    pytest.param("archive.txt", b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive", id="zip-magic"),
    pytest.param("noise.bin", NUL_NOISE, "binary file (contains NUL bytes)", id="random-with-nul"),
    pytest.param(
        "garbage.txt",
        _undecodable_bytes(),
        "cannot decode the file: not UTF-8 and no text encoding fits it",
        id="undecodable",
    ),
    pytest.param(
        "controls.txt",
        CONTROL_UTF16,
        "cannot decode the file: not UTF-8 and no text encoding fits it",
        id="mostly-control-characters",
    ),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_CASES)
def test_bad_input_is_skipped_and_others_survive(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    before = _write(tmp_path, "a-good.txt", GOOD_TEXT)
    bad = _write(tmp_path, name, content)
    after = _write(tmp_path, "z-good.md", GOOD_TEXT)
    result = ingest([tmp_path], max_bytes=LIMIT)
    assert [d.path for d in result.documents] == [str(before), str(after)]
    assert len(result.skips) == 1
    skip = result.skips[0]
    assert skip.path == str(bad)
    assert reason in skip.reason


def test_undecodable_bytes_are_really_undecodable() -> None:
    data = _undecodable_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\x00" not in data
    assert decode(data) is None
    assert decode(CONTROL_UTF16) is None


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        pytest.param(
            "Les dockers ont cessé le travail mardi après l'échec des négociations.\n",
            "cp850",
            id="french-cp850",
        ),
        pytest.param(
            "El puerto de Cádiz cerró el martes; los estibadores exigen más salario y "
            "señalización.\n",
            "cp437",
            id="spanish-cp437",
        ),
        pytest.param(
            "Uosto darbuotojai antradienį nutraukė darbą po derybų žlugimo su valdžia.\n",
            "cp775",
            id="lithuanian-cp775",
        ),
        pytest.param(
            "Докеры северного порта прекратили работу во вторник утром.\n",
            "cp866",
            id="russian-cp866",
        ),
    ],
)
def test_real_legacy_code_page_text_is_not_read_as_cp1252(text: str, encoding: str) -> None:
    """cp1252 decodes these bytes too, but its reading puts symbols or capitals inside words.

    Which code page charset-normalizer then picks is its own business (for short texts it is
    not always the right one); the cp1252 preference must not take over.
    """
    data = text.encode(encoding)
    assert decode(data) != data.decode("cp1252")


def test_missing_path_is_skipped(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.txt", GOOD_TEXT)
    missing = tmp_path / "nowhere" / "gone.txt"
    result = ingest([missing, str(good), "also-missing.txt"], max_bytes=LIMIT)
    assert [d.path for d in result.documents] == [str(good)]
    assert result.skips == (
        Skip(str(missing), "path not found"),
        Skip("also-missing.txt", "path not found"),
    )


@pytest.mark.parametrize(
    ("size", "limit", "skipped"),
    [
        pytest.param(2_001, 2_000, True, id="one-byte-over"),
        pytest.param(1_500_000, 1_000_000, True, id="well-over"),
        pytest.param(2_000, 2_000, False, id="exactly-at-limit"),
    ],
)
def test_max_bytes(tmp_path: Path, size: int, limit: int, skipped: bool) -> None:
    good = _write(tmp_path, "a.txt", "Short article text.\n")
    big = _write(tmp_path, "big.txt", b"a" * (size - 1) + b"\n")
    result = ingest([tmp_path], max_bytes=limit)
    if skipped:
        assert [d.path for d in result.documents] == [str(good)]
        (skip,) = result.skips
        assert skip.path == str(big)
        assert f"{size:,} bytes" in skip.reason
        assert f"{limit:,}-byte limit" in skip.reason
        assert "max_bytes" in skip.reason
    else:
        assert [d.path for d in result.documents] == [str(good), str(big)]
        assert result.skips == ()


def test_every_bad_input_at_once(tmp_path: Path) -> None:
    for name, content, _ in (case.values for case in BAD_CASES):
        _write(tmp_path, "bad/" + name, content)
    _write(tmp_path, "bad/huge.txt", b"x" * (LIMIT + 1))
    good = [_write(tmp_path, f"good/{n}.txt", GOOD_TEXT + n) for n in ("one", "two")]
    missing = tmp_path / "missing.txt"
    result = ingest([tmp_path / "bad", missing, tmp_path / "good"], max_bytes=LIMIT)
    assert [d.path for d in result.documents] == [str(p) for p in good]
    assert len(result.skips) == len(BAD_CASES) + 2
    assert all(s.reason for s in result.skips)
    assert Skip(str(missing), "path not found") in result.skips


def test_unreadable_file_is_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = _write(tmp_path, "a.txt", GOOD_TEXT)
    locked = _write(tmp_path, "locked.txt", GOOD_TEXT)
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = ingest([tmp_path], max_bytes=LIMIT)
    assert [d.path for d in result.documents] == [str(good)]
    assert [s.path for s in result.skips] == [str(locked)]
    assert "cannot read the file (Permission denied)" in result.skips[0].reason


def test_file_that_vanishes_is_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file listed and then deleted or replaced before it is read (a race) is a Skip."""
    good = _write(tmp_path, "a.txt", GOOD_TEXT)
    gone = _write(tmp_path, "gone.txt", GOOD_TEXT)
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "gone.txt":
            raise IsADirectoryError(21, "Is a directory", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = ingest([tmp_path], max_bytes=LIMIT)
    assert [d.path for d in result.documents] == [str(good)]
    (skip,) = result.skips
    assert skip.path == str(gone)
    assert "Is a directory" in skip.reason
