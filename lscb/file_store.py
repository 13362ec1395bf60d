"""When the object store holding evidence and reports cannot be reached, as opposed to a file
that is not in it (FileNotFoundError, which downloads answer with 404).

botocore raises these once its own retries are spent: the store refused or dropped the
connection, or did not answer within S3_TIMEOUT_SECONDS. Some of them are also OSError,
which is what the media folder's disk raises; the others are not, so this names them all.
"""

from __future__ import annotations

from botocore.exceptions import ConnectionError as _ConnectionError
from botocore.exceptions import HTTPClientError

OBJECT_STORE_UNREACHABLE: tuple[type[Exception], ...] = (_ConnectionError, HTTPClientError)
