"""Octavo's content model: the site configuration, posts, tags, headings and content errors.

It depends on pydantic and python-slugify only, and on no other Octavo package.
"""

from octavo_content.config import CONFIG_FILE, SLUG_SOURCES, SiteConfig
from octavo_content.errors import ContentError, ContentErrors, errors_from_validation, only_errors
from octavo_content.frontmatter import (
    ALIAS_KEYS,
    MAX_TAGS,
    PAGE_FILE_SUFFIXES,
    SITE_PATH_KEYS,
    FrontMatter,
    normalised_site_path,
)
from octavo_content.frontmatter import HINTS as FRONT_MATTER_HINTS
from octavo_content.frontmatter import KNOWN_KEYS as FRONT_MATTER_KEYS
from octavo_content.frontmatter import MAX_BYTES as MAX_NAME_BYTES
from octavo_content.models import (
    BODY_DERIVED,
    Heading,
    ImageInfo,
    ImageVariant,
    LightPost,
    Post,
    Reference,
    Tag,
    newest_first,
    placement_digest,
)
from octavo_content.permalinks import Permalinks, output_file
from octavo_content.slugs import slugify
from octavo_content.sources import BUNDLE_STEM, SourceName, source_name

__all__ = [
    "ALIAS_KEYS",
    "BODY_DERIVED",
    "BUNDLE_STEM",
    "CONFIG_FILE",
    "FRONT_MATTER_HINTS",
    "FRONT_MATTER_KEYS",
    "MAX_NAME_BYTES",
    "MAX_TAGS",
    "PAGE_FILE_SUFFIXES",
    "SITE_PATH_KEYS",
    "SLUG_SOURCES",
    "ContentError",
    "ContentErrors",
    "FrontMatter",
    "Heading",
    "ImageInfo",
    "ImageVariant",
    "LightPost",
    "Permalinks",
    "Post",
    "Reference",
    "SiteConfig",
    "SourceName",
    "Tag",
    "errors_from_validation",
    "newest_first",
    "normalised_site_path",
    "only_errors",
    "output_file",
    "placement_digest",
    "slugify",
    "source_name",
]
