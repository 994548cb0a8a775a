"""HTTP for `claimgraph watch`: feeds by conditional GET, and the article pages their entries link to.

A feed is asked for with the validators of its last answer (`If-None-Match` with its ETag,
`If-Modified-Since` with its Last-Modified), so a feed that has not changed costs a 304 and no parsing.
A page is decoded as every other HTML input is (`decode`: the charset of the Content-Type header first,
then `<meta>`), and read by `html_document`.

Failures come back as InputErrors, never raised, and say whether trying again can help: E109 for a
server that cannot be reached, is too slow, or answers 5xx or 429; E105 for a page that is not there or
not allowed (other 4xx); E103 for a body over the size limit. Only http and https URLs are fetched: a
feed could otherwise link its entries to `file:///etc/passwd`, which urllib would read.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from claimgraph.errors import InputError
from claimgraph.ingest.decode import BINARY, EMPTY, TOO_LARGE, UNREACHABLE, UNREADABLE, binary_reason, decode
from claimgraph.ingest.html import html_document
from claimgraph.model import Document

__all__ = ["NOT_MODIFIED", "NotModified", "Response", "Validators", "get", "is_web_url", "page_document"]

# Long enough for a slow news site on a bad day, short enough that one dead server delays a round by
# seconds, not minutes (each feed and page is fetched in turn).
TIMEOUT_S = 20.0
USER_AGENT = "claimgraph-watch/0.1"


@dataclass(frozen=True)
class Validators:
    """What a server said identifies its answer, sent back to ask whether it changed."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    body: bytes
    charset: str | None  # of the Content-Type header
    validators: Validators


class NotModified:
    """A 304: the server has nothing newer than the answer the validators name."""


NOT_MODIFIED = NotModified()


def is_web_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def get(url: str, max_bytes: int, validators: Validators | None = None,
        timeout: float = TIMEOUT_S) -> Response | NotModified | InputError:
    """GET `url`, conditionally when `validators` are given; the body is read up to `max_bytes`."""
    if not is_web_url(url):
        return InputError(url, "not an http or https URL", code=UNREADABLE)
    headers = {"User-Agent": USER_AGENT}
    if validators and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as answer:
            body = answer.read(max_bytes + 1)
            info: Message = answer.headers
            final = answer.geturl()
    except urllib.error.HTTPError as error:
        return NOT_MODIFIED if error.code == 304 else _refused(url, error)
    except urllib.error.URLError as error:
        return InputError(url, f"cannot connect ({_reason(error.reason)})", code=UNREACHABLE)
    except TimeoutError:
        return InputError(url, f"no answer within {timeout:g} s", code=UNREACHABLE)
    except OSError as error:  # a connection reset while the body is read, a broken chunked encoding
        return InputError(url, f"connection failed ({_reason(error)})", code=UNREACHABLE)
    if len(body) > max_bytes:
        return InputError(url, f"too large (over the limit of {max_bytes} bytes)", code=TOO_LARGE)
    return Response(final, body, info.get_content_charset(),
                    Validators(info.get("ETag"), info.get("Last-Modified")))


def _refused(url: str, error: urllib.error.HTTPError) -> InputError:
    transient = error.code >= 500 or error.code == 429
    return InputError(url, f"HTTP {error.code} {error.reason}".rstrip(), code=UNREACHABLE if transient else UNREADABLE)


def _reason(reason: object) -> str:
    return getattr(reason, "strerror", None) or str(reason)


def page_document(url: str, max_bytes: int, timeout: float = TIMEOUT_S) -> Document | InputError:
    """The article on the page at `url`, named by that URL."""
    response = get(url, max_bytes, timeout=timeout)
    if isinstance(response, InputError):
        return response
    if isinstance(response, NotModified):
        return InputError(url, "HTTP 304 to a request that was not conditional", code=UNREADABLE)
    reason = binary_reason(response.body)
    if reason:
        return InputError(url, f"binary content, not a page ({reason})", code=BINARY)
    text, warnings = decode(response.body, http_charset=response.charset, html=True)
    if not text.strip():
        return InputError(url, "empty page", code=EMPTY)
    return html_document(text, name=url, path=url, url=response.url, warnings=warnings)
