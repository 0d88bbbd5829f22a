"""`symkl.verify_text` and how an audit shows itself: `str()` as the terminal output,
`_repr_html_` (Jupyter) as a table and `symkl verify --format html` as one page, in which
every piece of notes text is escaped."""

from html.parser import HTMLParser

import pytest

import symkl
from symkl.cli import main
from symkl.errors import SymklError
from symkl.notes.audit import FileAudit, StepAudit
from symkl.notes.html_audit import (
    MARKS,
    audit_html_page,
    audit_html_table,
    counterexample_table,
)
from symkl.notes.render import audit_text_lines
from symkl.notes.typeset import MATHML_ATTRIBUTES, MATHML_ELEMENTS

#: what notes may hold that a browser would act on: markup, quotes, a bidi override
HOSTILE = StepAudit(
    line=4,
    relation="=",
    lhs='</code></td><script>alert("x")</script>',
    rhs="y' \u202e & <img src=x onerror=alert(1)>",
    verdict="refuted",
    reason='fails at "x" <b>',
    counterexample={"<i>": 0.999999999999999, "before": 1 / 3, "after": "1e-1000", "bits": 128},
    cell=None,
)


#: the tags of a table, and of the page around the tables
TABLE_TAGS = {"table", "caption", "thead", "tbody", "tr", "th", "td", "code", "span"}
#: a page: per file a section, per step a block; its tables are counterexamples
PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "p", "section", "h2"}
PAGE_TAGS |= {"div", "span", "code", "table", "tr", "th", "td"}
REPAIR_TAGS = {"ul", "li", "small"}  # the edits that make a refuted step hold


class _Tags(HTMLParser):
    """Every start tag and attribute name of a fragment."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def _tags(fragment: str) -> _Tags:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser


def test_verify_text_returns_the_audit_and_str_is_the_terminal_output():
    audit = symkl.verify_text("$$\\alpha + \\alpha = 2\\alpha$$\n\n$$\\beta = 2\\beta$$\n")
    assert isinstance(audit, FileAudit)
    assert [(s.line, s.verdict) for s in audit.steps] == [(1, "proved"), (3, "refuted")]
    assert str(audit) == audit_text_lines([audit]).rstrip("\n")
    assert str(audit).splitlines()[-1] == "2 steps in 1 file(s): 1 proved, 1 refuted"


@pytest.mark.parametrize("assume", [{"t": "positive"}, ["t: positive"], "t=positive"])
def test_verify_text_takes_assumptions_as_the_command_line_does(assume):
    text = "$$\\sqrt{t^2} = t$$"
    assert symkl.verify_text(text, assume=assume).steps[0].verdict == "proved"
    assert symkl.verify_text(text, assume={"t": "real"}).steps[0].verdict == "refuted"


def test_verify_text_reads_latex_when_told():
    text = "% \\[ \\beta = 2\\beta \\]\n"  # a TeX comment, but Markdown text
    assert symkl.verify_text(text, kind="latex").steps == []
    assert len(symkl.verify_text(text).steps) == 1


@pytest.mark.parametrize(
    "kwargs, message",
    [({"kind": "rst"}, "unknown kind of notes"), ({"assume": {"t": "banana"}}, "unknown kind")],
)
def test_verify_text_errors_are_symkl_errors(kwargs, message):
    with pytest.raises(SymklError, match=message):
        symkl.verify_text("$$a = a$$", **kwargs)


def test_html_table_escapes_every_piece_of_notes_text():
    audit = FileAudit('notes/<b>"week".md', [HOSTILE], [(2, "<script>")])
    table = audit._repr_html_()
    assert table == audit_html_table(audit)
    found = _tags(table)
    assert found.tags == TABLE_TAGS
    assert found.attributes == {"class", "style"}
    assert "<math" not in table  # a step symkl did not read is shown as its source
    assert "&lt;/code&gt;&lt;/td&gt;&lt;script&gt;alert(&quot;x&quot;)" in table
    assert "y&#x27; \\u202e &amp; &lt;img src=x onerror=alert(1)&gt;" in table
    assert "&lt;b&gt;&quot;week&quot;.md" in table and "&lt;i&gt;" in table
    assert "\u202e" not in table


def test_html_table_of_hostile_latex_notes_runs_no_markup():
    text = '\\[ x<script>alert("1")</script> = y\' \\text{<img src=x onerror=alert(1)>} \\]'
    audit = symkl.verify_text(text, kind="latex")
    assert audit.steps  # what it reads there does not matter: that it shows it inertly
    table = audit._repr_html_()
    assert _tags(table).tags <= TABLE_TAGS | MATHML_ELEMENTS
    assert _tags(table).attributes <= {"class", "style"} | MATHML_ATTRIBUTES
    assert "<script" not in table and "<img" not in table and "&lt;img src=x" in table


def test_html_table_rows_line_verdict_mark_and_notebook_cell():
    steps = [
        StepAudit(3, "=", "a", "a", "proved", "normal form"),
        StepAudit(2, "=", "b", "2b", "refuted", "fails", {"b": 1.0}, cell=5),
    ]
    table = audit_html_table(FileAudit("n.ipynb", steps))
    assert "<caption>n.ipynb: 1 proved, 1 refuted</caption>" in table
    assert "<td>3</td><td><code>a = a</code></td>" in table
    assert "<td>cell 5, line 2</td>" in table
    assert f"{MARKS['refuted'][0]} refuted" in table and MARKS["refuted"][1] in table


def test_counterexample_table_point_exact_sides_to_the_digits_that_differ():
    values = {
        "b": 0.999999999999999,
        "p": [0.5, 0.25],
        "bits": 128,
        "before": 1 / 3,
        "after": 0.0,
        "difference": "0.333333333333",
        "error_bound": 1.1e-16,
    }
    rows = counterexample_table(values)
    assert "<th>b</th><td>0.999999999999999</td>" in rows  # not rounded to 1
    assert "<th>p</th><td>(0.5, 0.25)</td>" in rows
    assert "<th>before</th><td>0.333</td>" in rows and "bits" not in rows
    assert "<th>difference</th><td>0.333 \u00b1 1.1e-16</td>" in rows
    assert rows.index(">b<") < rows.index(">before<") < rows.index(">after<")
    assert counterexample_table(None) == counterexample_table({}) == ""


def test_verify_format_html_writes_one_self_contained_page(tmp_path, capsys):
    notes = tmp_path / "week<1>.md"
    notes.write_text(
        '$$\\beta = 2\\beta$$\n\n$$a = "<script>alert(1)</script>"$$\n'
        "\n$$\\alpha + \\alpha = 2\\alpha$$\n"
    )
    out = tmp_path / "audit.html"
    out.write_text("an older page")
    assert main(["verify", "--format", "html", str(notes), "-o", str(out)]) == 1  # refuted
    assert capsys.readouterr().out == ""
    page = out.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.html", "week<1>.md"]
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "default-src 'none'" in page  # the page may fetch nothing and run nothing
    found = _tags(page)
    assert found.tags <= PAGE_TAGS | REPAIR_TAGS | MATHML_ELEMENTS
    assert "src" not in found.attributes
    assert "href" not in found.attributes and "<script" not in page
    assert "<h2>week&lt;1&gt;.md</h2>" in page
    assert "3 steps in 1 file(s): 1 proved, 1 unparsed, 1 refuted" in page
    assert '<table class="symkl-values"><tr><th>beta</th>' in page  # the counterexample


def test_html_page_lists_notes_and_is_deterministic():
    audit = FileAudit("a.md", [HOSTILE], [(9, "i <outside> its sum")])
    page = audit_html_page([audit], title="<t>")
    assert page == audit_html_page([audit], title="<t>")
    assert "<title>&lt;t&gt;</title>" in page
    assert "<li>line 9: i &lt;outside&gt; its sum</li>" in page
    assert _tags(page).tags == PAGE_TAGS | {"ul", "li", "h3"}
    assert "<math" not in page  # HOSTILE has no reading: its source is shown, escaped
