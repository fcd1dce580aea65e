"""The PDF maker: a real WeasyPrint PDF, read back with Poppler, that loads nothing a map's text points at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.formats.pdf import write_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs Poppler (.ci/run installs it)")


def _text_of(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_a_pdf_holds_the_text_as_written(tmp_path: Path) -> None:
    output = tmp_path / "sheet.pdf"
    write_pdf("<!doctype html><html><body><h1>María José &amp; &lt;Reyes&gt;</h1><p>Łódź “quoted”</p></body></html>",
              output)
    text = _text_of(output)
    assert "María José & <Reyes>" in text
    assert "Łódź “quoted”" in text


def test_a_stylesheet_or_image_outside_the_document_is_not_loaded(tmp_path: Path) -> None:
    style = tmp_path / "evil.css"
    style.write_text("body::before { content: 'LEAKED'; }", encoding="utf-8")
    output = tmp_path / "sheet.pdf"
    write_pdf(f'<html><head><link rel="stylesheet" href="{style.as_uri()}"></head><body><p>kept</p>'
              f'<img src="{style.as_uri()}"></body></html>', output)
    text = _text_of(output)
    assert "kept" in text
    assert "LEAKED" not in text
