"""Keep secure-link tokens out of the logs.

A token is a key: anyone reading it in a log could act with it. Django logs the path of
every response of 400 and over (`django.request`: "Not Found: /link/<token>/"), and
runserver logs every request line (`django.server`). This filter, set on those loggers and
on the console handler (lscb.settings LOGGING), replaces whatever follows `/link/` in a
path with a mark before any handler sees the record. Pages a link lands on carry only the
link's number, which is no secret, and are left as they are.

Gunicorn's access log (off unless --access-logfile is given) is outside Django: leave it
off, or give it a format without the request path.
"""

from __future__ import annotations

import logging
import re

# /link/<anything but a number followed by a slash, or the mark>: a token, good or bad;
# /link/stop/<token>: the link that stops a partner's weekly email (reminders).
_TOKEN_IN_PATH = re.compile(r"/link/(?:stop/[^/?#\s\"']+|(?!\d+/|\[token hidden\])[^/?#\s\"']+)")
HIDDEN = "/link/[token hidden]"


def hide_tokens(text: str) -> str:
    return _TOKEN_IN_PATH.sub(HIDDEN, text)


class HideLinkTokens(logging.Filter):
    """Rewrites a record's message and arguments with every link token hidden, and takes
    off the request Django attaches to its records when its path holds a token: a handler
    that reports errors (by email, to a tracker) would print that request's address."""

    def filter(self, record: logging.LogRecord) -> bool:
        path = getattr(getattr(record, "request", None), "path", "")
        if isinstance(path, str) and hide_tokens(path) != path:
            record.request = None
        if isinstance(record.msg, str):
            record.msg = hide_tokens(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(hide_tokens(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                k: hide_tokens(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        return True
