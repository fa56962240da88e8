"""The only way WeasyPrint may read a file while building an edition.

WeasyPrint's default fetcher opens any file:// path and any network URL,
and ``<a rel="attachment">`` embeds the file it points to. This fetcher
serves only files inside the allowed roots (media, static, fonts): a URL on
the site's own origin under MEDIA_URL or STATIC_URL, or a file:// path that
resolves inside a root. Everything else (other hosts, other ports, other
files, data: URLs, paths that climb out with "..", links that lead out)
is refused, logged and left out of the PDF, and the build goes on.
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)


class RefusedURL(ValueError):
    """A URL outside the allowed roots; WeasyPrint drops the resource."""


class RestrictedFetcher(URLFetcher):
    def __init__(self, site_url: str, mounts: dict[str, list[Path]], context: str = ""):
        """``mounts`` maps a URL path prefix such as "/media/" to the folders it may serve."""
        super().__init__(timeout=1, allowed_protocols=("http", "https", "file"), allow_redirects=False)
        parts = urlsplit(site_url)
        self.origin = (parts.scheme, parts.netloc)
        self.mounts = {prefix: [root.resolve() for root in roots] for prefix, roots in mounts.items()}
        self.roots = [root for roots in self.mounts.values() for root in roots]
        self.context = context
        self.refused: list[str] = []

    def resolve(self, url: str) -> Path:
        """Return the local file ``url`` stands for, or raise RefusedURL."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        path = unquote(parts.path)
        if scheme == "file":
            if parts.netloc not in ("", "localhost"):
                raise RefusedURL(url)
            return self._inside(Path(path), self.roots, url)
        if scheme in ("http", "https") and (scheme, parts.netloc.lower()) == self.origin:
            for prefix, roots in self.mounts.items():
                if path.startswith(prefix):
                    relative = path[len(prefix):]
                    for root in roots:
                        try:
                            return self._inside(root / relative, [root], url)
                        except RefusedURL:
                            continue
        raise RefusedURL(url)

    @staticmethod
    def _inside(candidate: Path, roots: list[Path], url: str) -> Path:
        resolved = candidate.resolve()
        for root in roots:
            if resolved.is_relative_to(root) and resolved.is_file():
                return resolved
        raise RefusedURL(url)

    def fetch(self, url, headers=None):
        try:
            path = self.resolve(url)
        except RefusedURL:
            self.refused.append(url)
            logger.warning("PDF build refused URL url=%r context=%s", url[:300], self.context)
            raise
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".woff2":
            content_type = "font/woff2"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type})
