"""A site's templates are read only from inside the site: a link leading out is refused by name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from octavo_render import Renderer
from octavo_render.environment import TemplateOutsideSite


def test_a_template_linked_outside_the_site_is_refused_naming_it(
    tmp_path: Path, renderer_for: Callable[..., Renderer]
) -> None:
    templates = tmp_path / "site" / "templates"
    templates.mkdir(parents=True)
    (tmp_path / "secret.html").write_text("the machine's secret\n")
    (templates / "404.html").symlink_to(tmp_path / "secret.html")
    with pytest.raises(TemplateOutsideSite) as refusal:
        renderer_for(templates).not_found_page()
    assert refusal.value.filename == "templates/404.html"
    assert "outside the site" in str(refusal.value)


def test_a_template_linked_outside_through_its_folder_is_refused(
    tmp_path: Path, renderer_for: Callable[..., Renderer]
) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "404.html").write_text("the machine's secret\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "templates").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(TemplateOutsideSite):
        renderer_for(tmp_path / "site" / "templates").not_found_page()


def test_a_template_linked_inside_the_site_is_used(
    tmp_path: Path, renderer_for: Callable[..., Renderer]
) -> None:
    site = tmp_path / "site"
    (site / "templates").mkdir(parents=True)
    (site / "shared").mkdir()
    (site / "shared" / "404.html").write_text("<p>Lost, {{ config.title }}</p>\n")
    (site / "templates" / "404.html").symlink_to(site / "shared" / "404.html")
    assert b"<p>Lost, " in renderer_for(site / "templates").not_found_page()
