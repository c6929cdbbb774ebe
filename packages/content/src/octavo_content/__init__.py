"""Octavo's content model: the site configuration, posts, tags, headings and content errors.

It depends on pydantic and python-slugify only, and on no other Octavo package.
"""

from octavo_content.config import (
    CONFIG_FILE,
    DEFAULT_TAXONOMIES,
    FEED_FORMATS,
    SLUG_SOURCES,
    AuthorLink,
    AuthorProfile,
    FeedsConfig,
    SiteConfig,
    config_line,
)
from octavo_content.errors import ContentError, ContentErrors, errors_from_validation, only_errors
from octavo_content.frontmatter import (
    ALIAS_KEYS,
    EXTRA_TABLES,
    KINDS,
    MAX_TAGS,
    PAGE_FILE_SUFFIXES,
    PUBLISHED_KEY,
    SITE_PATH_KEYS,
    SPELLINGS,
    FrontMatter,
    normalised_site_path,
    plain_data,
    terms_text,
    written_date,
)
from octavo_content.frontmatter import HINTS as FRONT_MATTER_HINTS
from octavo_content.frontmatter import KNOWN_KEYS as FRONT_MATTER_KEYS
from octavo_content.frontmatter import MAX_BYTES as MAX_NAME_BYTES
from octavo_content.menu import MENU_TARGETS, MenuEntry, menu_order
from octavo_content.messages import Messages, Override
from octavo_content.models import (
    BODY_DERIVED,
    Heading,
    ImageInfo,
    ImageVariant,
    LightPost,
    Post,
    PostLink,
    Reference,
    Tag,
    newest_first,
    placement_digest,
)
from octavo_content.permalinks import Permalinks, output_file
from octavo_content.slugs import slugify
from octavo_content.sources import (
    BUNDLE_STEM,
    PAGES_FOLDER,
    SourceName,
    in_pages_folder,
    source_name,
)

__all__ = [
    "ALIAS_KEYS",
    "BODY_DERIVED",
    "BUNDLE_STEM",
    "CONFIG_FILE",
    "DEFAULT_TAXONOMIES",
    "EXTRA_TABLES",
    "FEED_FORMATS",
    "FRONT_MATTER_HINTS",
    "FRONT_MATTER_KEYS",
    "KINDS",
    "MAX_NAME_BYTES",
    "MAX_TAGS",
    "MENU_TARGETS",
    "PAGES_FOLDER",
    "PAGE_FILE_SUFFIXES",
    "PUBLISHED_KEY",
    "SITE_PATH_KEYS",
    "SLUG_SOURCES",
    "SPELLINGS",
    "AuthorLink",
    "AuthorProfile",
    "ContentError",
    "ContentErrors",
    "FeedsConfig",
    "FrontMatter",
    "Heading",
    "ImageInfo",
    "ImageVariant",
    "LightPost",
    "MenuEntry",
    "Messages",
    "Override",
    "Permalinks",
    "Post",
    "PostLink",
    "Reference",
    "SiteConfig",
    "SourceName",
    "Tag",
    "config_line",
    "errors_from_validation",
    "in_pages_folder",
    "menu_order",
    "newest_first",
    "normalised_site_path",
    "only_errors",
    "output_file",
    "placement_digest",
    "plain_data",
    "slugify",
    "source_name",
    "terms_text",
    "written_date",
]
