"""File responses with HTTP range requests and caching headers, for PDFs.

Readers on slow mobile data resume broken downloads and PDF viewers fetch
pages on demand with Range requests; Django's FileResponse answers those
with the whole file. This handles a single byte range (RFC 9110 section 14):
"bytes=0-1023", "bytes=-500" and "bytes=100-"; several ranges or a range
that does not parse get the whole file, and one that starts past the end
gets 416.
"""

import os
import re
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

from django.http import FileResponse, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils.http import content_disposition_header

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024
# Published files never change under the same name, so caches may keep them.
CACHE_CONTROL = "public, max-age=86400"


def _etag(stat) -> str:
    return f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'


def _byte_range(header: str, size: int) -> tuple[int, int] | None | str:
    """Return (first, last) byte, None for "send everything", or "unsatisfiable"."""
    match = RANGE.match(header.strip())
    if match is None:
        return None
    start, end = match.groups()
    if not start and not end:
        return None
    if not start:
        length = int(end)
        if length == 0:
            return "unsatisfiable"
        return max(0, size - length), size - 1
    first = int(start)
    last = int(end) if end else size - 1
    if first >= size:
        return "unsatisfiable"
    if last < first:
        return None
    return first, min(last, size - 1)


def _read(path: Path, first: int, last: int):
    with path.open("rb") as handle:
        handle.seek(first)
        remaining = last - first + 1
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def ranged_file_response(request, path: Path, filename: str, content_type: str = "application/pdf", inline: bool = False):
    stat = os.stat(path)
    etag = _etag(stat)
    last_modified = formatdate(stat.st_mtime, usegmt=True)
    headers = {
        "ETag": etag,
        "Last-Modified": last_modified,
        "Accept-Ranges": "bytes",
        "Cache-Control": CACHE_CONTROL,
        "Content-Disposition": content_disposition_header(not inline, filename),
        "X-Content-Type-Options": "nosniff",
    }

    if_none_match = request.headers.get("If-None-Match")
    if if_none_match and etag in [tag.strip() for tag in if_none_match.split(",")]:
        response = HttpResponseNotModified()
        for name in ("ETag", "Last-Modified", "Cache-Control"):
            response[name] = headers[name]
        return response
    if_modified_since = request.headers.get("If-Modified-Since")
    if if_modified_since and not if_none_match:
        try:
            if int(parsedate_to_datetime(if_modified_since).timestamp()) >= int(stat.st_mtime):
                response = HttpResponseNotModified()
                response["ETag"], response["Last-Modified"] = etag, last_modified
                return response
        except (TypeError, ValueError, IndexError):
            pass

    range_header = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if range_header and (not if_range or if_range.strip() in (etag, last_modified)):
        byte_range = _byte_range(range_header, stat.st_size)
        if byte_range == "unsatisfiable":
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{stat.st_size}"
            response["Accept-Ranges"] = "bytes"
            return response
        if byte_range is not None:
            first, last = byte_range
            response = StreamingHttpResponse(_read(path, first, last), status=206, content_type=content_type)
            response["Content-Range"] = f"bytes {first}-{last}/{stat.st_size}"
            response["Content-Length"] = str(last - first + 1)
            for name, value in headers.items():
                response[name] = value
            return response

    response = FileResponse(path.open("rb"), content_type=content_type)
    response["Content-Length"] = str(stat.st_size)
    for name, value in headers.items():
        response[name] = value
    return response
