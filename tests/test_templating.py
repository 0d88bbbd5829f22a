"""Escaping for LaTeX and Markdown, and the template environments' safety settings."""

import re

import jinja2
import pytest

from symkl.templating import (
    TEX_SPECIAL,
    TEX_UNICODE,
    Raw,
    code_line_tex,
    code_span,
    escape_md,
    escape_tex,
    fence,
    md_environment,
    tex_environment,
)

HOSTILE = [
    r"\input{/etc/passwd}",
    r"\write18{rm -rf ~}",
    r"\immediate\write18{touch pwned}",
    "{ unbalanced",
    "100% sure $x$ a_b #1 ^ ~ & | < >",
    "```\n<script>alert(1)</script>\n# heading\n- item\n1. item",
    "[link](javascript:alert(1)) ![img](x.png) *em* __strong__ `code`",
    "café ∂H/∂β ≥ 0 ‖ 日本",
]

#: what may follow a backslash in escaped LaTeX: the escapes themselves, nothing else
TEX_ESCAPES = re.compile(
    "|".join(map(re.escape, sorted({*TEX_SPECIAL.values(), *TEX_UNICODE.values()}, key=len)[::-1]))
    + r"|\\texttt\{\[U\+[0-9A-F]{4}\]\}"
)


@pytest.mark.parametrize("text", HOSTILE)
def test_latex_escaping_leaves_no_command_and_no_special_character(text):
    escaped = escape_tex(text)
    # every backslash starts one of the escapes; remove them and nothing special is left
    rest = TEX_ESCAPES.sub("", escaped)
    assert not re.search(r"[\\{}$&#%_^~]", rest), rest
    assert "\n" not in escaped


def test_latex_escaping_of_the_issue_examples():
    assert escape_tex(r"\input{/etc/passwd}") == r"\textbackslash{}input\{/etc/passwd\}"
    assert escape_tex(r"\write18{ls}") == r"\textbackslash{}write18\{ls\}"
    assert escape_tex("{%$_#}") == r"\{\%\$\_\#\}"
    assert escape_tex("a\n\nb") == "a b"  # no paragraph break inside a \section{...}


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_escaping_leaves_every_special_character_escaped(text):
    escaped = escape_md(text)
    assert "\n" not in escaped
    unescaped = re.sub(r"\\.", "", escaped)  # drop every backslash escape
    assert not re.search(r"[\\`*_{}\[\]<>#|$~&^]", unescaped), unescaped
    assert not re.match(r"([-+]|\d+[.)])(\s|$)", escaped)


def test_markdown_escaping_examples():
    assert escape_md(r"\input{/etc/passwd}") == r"\\input\{/etc/passwd\}"
    assert escape_md("{%$_#}") == r"\{%\$\_\#\}"
    assert escape_md("1. not a list") == r"1\. not a list"
    assert escape_md("- not a list - x") == r"\- not a list - x"
    assert escape_md("--- not a rule") == r"\--- not a rule"
    assert escape_md("-y + 0.5") == "-y + 0.5"  # no list, no escape


def test_templates_escape_values_unless_raw():
    hostile = r"\input{/etc/passwd} 50%"
    tex = tex_environment().from_string(r"\VAR{a} \VAR{b}").render(a=hostile, b=Raw(r"\alpha"))
    assert tex == r"\textbackslash{}input\{/etc/passwd\} 50\% \alpha"
    md = md_environment().from_string("{{ a }} {{ b }}").render(a="$x$ _y_", b=Raw("$$x$$"))
    assert md == r"\$x\$ \_y\_ $$x$$"


def test_templates_refuse_undefined_names():
    with pytest.raises(jinja2.UndefinedError):
        tex_environment().from_string(r"\VAR{missing}").render()
    with pytest.raises(jinja2.UndefinedError):
        md_environment().from_string("{{ report.missing }}").render(report={})


def test_code_helpers_cannot_be_broken_out_of():
    line = code_line_tex(r"    x = r'\end{code}' % {1}")
    assert r"\end{code}" not in line and line.startswith(r"\mbox{}~~~~x")
    assert fence("a ``` b ```` c") == "`````"
    assert fence("plain") == "```"
    assert code_span("logistic_loss") == "logistic_loss"
    with pytest.raises(ValueError, match="code span"):
        code_span("a`b")
