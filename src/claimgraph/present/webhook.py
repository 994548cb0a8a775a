"""`claimgraph watch --webhook URL`: each alert POSTed as one JSON object (`watch.Alert.to_json`)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from ..errors import ClaimgraphError
from ..ingest.fetch import USER_AGENT, is_web_url

__all__ = ["WebhookError", "post_json"]

TIMEOUT_S = 10.0  # a receiver is a local service or a chat hook: it answers at once or is down


class WebhookError(ClaimgraphError):
    code = "E600"


def post_json(url: str, payload: dict[str, Any], timeout: float = TIMEOUT_S) -> None:
    """POST `payload`; raises WebhookError when the receiver cannot be reached or answers an error status."""
    if not is_web_url(url):
        raise WebhookError(f"webhook {url}: not an http or https URL")
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout):
            pass
    except urllib.error.HTTPError as error:
        raise WebhookError(f"webhook {url}: HTTP {error.code} {error.reason}") from error
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise WebhookError(f"webhook {url}: cannot post ({getattr(reason, 'strerror', None) or reason})") from error
