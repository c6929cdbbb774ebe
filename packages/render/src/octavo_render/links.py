"""Site paths turned into the links a page prints: prefixed paths and absolute URLs."""

from __future__ import annotations

from urllib.parse import urlsplit

from octavo_content import SiteConfig


class Links:
    """Turns site paths such as `/posts/hello/` into links for a site served at `base_url`."""

    def __init__(self, config: SiteConfig) -> None:
        self._config = config
        # A site served at https://example.org/blog/ lives under /blog: every link starts there.
        self._prefix = urlsplit(config.base_url).path.rstrip("/")

    def path(self, site_path: str) -> str:
        """Given a site path, returns the path a link on the site uses (`/blog/posts/x/`)."""
        return self._prefix + "/" + site_path.lstrip("/")

    def absolute(self, site_path: str) -> str:
        """Given a site path, returns its absolute URL (`https://example.org/blog/posts/x/`)."""
        return self._config.absolute_url(site_path)
