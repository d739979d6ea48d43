"""The consultant's profile: name, agency, contact, logo and accent colour for the plan's cover.

It lives in the workspace as ``profile.yaml`` (``<home>/profile.yaml``), written by
``marketing-wizard profile`` and readable and editable by hand. The logo is kept in the file
itself, as a data URI, so that a plan never links to anything: it is checked when it is set (a
PNG or JPEG by its first bytes, at most :data:`MAX_LOGO_BYTES`). A broken profile is named
with every problem and left untouched; the plan is then made without it only if the user says
so (the command fails with the list).
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wizard.display import clean_input
from wizard.errors import WizardError
from wizard.i18n import N_, _, is_chinese

__all__ = [
    "LOGO_URI",
    "MAX_LOGO_BYTES",
    "PROFILE_FILE",
    "Profile",
    "load_profile",
    "logo_uri",
    "save_profile",
]

PROFILE_FILE = "profile.yaml"
MAX_LOGO_BYTES = 512 * 1024
"""A logo is a small picture on a cover: half a megabyte is plenty, and keeps plans light."""

_KINDS = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"))
LOGO_URI = r"^data:image/(png|jpeg);base64,[A-Za-z0-9+/=]+$"
"""A logo as the profile keeps it: a PNG or JPEG as a data URI."""


def _one_line(value: Any) -> Any:
    return clean_input(value, lines=False).strip() or None if isinstance(value, str) else value


class Profile(BaseModel):
    """What the cover says about whoever prepared the plan."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    # each field's title is how `profile` labels it (translated where shown)
    consultant: str | None = Field(default=None, max_length=120, title=N_("consultant:"))
    agency: str | None = Field(default=None, max_length=160, title=N_("agency:"))
    contact: str | None = Field(default=None, max_length=200, title=N_("contact:"))
    logo: str | None = Field(
        default=None, pattern=LOGO_URI, max_length=MAX_LOGO_BYTES * 4 // 3 + 64, title=N_("logo:")
    )
    accent: str | None = Field(default=None, pattern=r"^#[0-9a-fA-F]{6}$", title=N_("accent:"))

    _clean = field_validator("*", mode="before")(_one_line)  # one line of text each


def logo_uri(path: Path) -> str:
    """A picture file as a data URI, after checking that it is a PNG or JPEG of at most
    :data:`MAX_LOGO_BYTES`.

    Raises:
        WizardError: naming the file and what is wrong with it.
    """
    try:
        if not path.is_file():
            raise WizardError(_("The logo {path} is not a file.").format(path=path))
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            raise WizardError(
                _("The logo {path} is {size} KB; a logo of at most {most} KB is taken.").format(
                    path=path, size=size // 1024, most=MAX_LOGO_BYTES // 1024
                ),
                hint=_("Save it smaller (a PNG of 600 pixels across is plenty for a cover)."),
            )
        data = path.read_bytes()
    except OSError as exc:
        raise WizardError(
            _("Cannot read the logo {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    kind = next((name for magic, name in _KINDS if data.startswith(magic)), None)
    if kind is None:
        raise WizardError(
            _("The logo {path} is not a PNG or JPEG picture.").format(path=path),
            hint=_("Export it as PNG or JPEG; other formats (SVG, GIF, WebP) are not taken."),
        )
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


def load_profile(home: Path) -> Profile:
    """The workspace's profile; an empty one when there is none.

    Raises:
        WizardError: when the file cannot be read or does not fit, with every problem.
    """
    path = home / PROFILE_FILE
    try:
        if not path.exists():
            return Profile()
        if not path.is_file():
            raise WizardError(
                _("The profile {path} is not a regular file; it was left untouched.").format(
                    path=path
                )
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise WizardError(
            _("The profile {path} is not UTF-8 text; it was left untouched.").format(path=path)
        ) from None
    except OSError as exc:
        raise WizardError(
            _("Cannot read the profile {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    import yaml

    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise WizardError(
            _("{path}{where}: not valid YAML ({problem}); the profile was left untouched.").format(
                path=path, where=where, problem=getattr(exc, "problem", None) or exc
            )
        ) from None
    if not isinstance(data, dict):
        raise WizardError(
            _("{path}: expected keys such as consultant: and agency:.").format(path=path)
        )
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise WizardError(
            _("The profile {path} has problems; it was left untouched.").format(path=path),
            details=[f"{path}: {_place(e['loc'])}: {_expected(e)}" for e in exc.errors()],
            hint=_("Fix them in the file, or set the fields again with marketing-wizard profile."),
        ) from None


def _place(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top)"


def _expected(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return _("not a profile field; expected consultant, agency, contact, logo or accent")
    if kind == "string_pattern_mismatch" and error["loc"] and error["loc"][0] == "accent":
        return _("expected a colour as #rrggbb (got {value!r})").format(value=error["input"])
    if kind == "string_pattern_mismatch":
        return _(
            "expected a PNG or JPEG data URI; set it with marketing-wizard profile --logo FILE"
        )
    if is_chinese() and kind == "string_too_long":
        return _("at most {n} characters are taken").format(n=error["ctx"]["max_length"])
    if is_chinese():
        return _("not a valid value ({reason})").format(reason=error["msg"])
    return re.sub(r"\s+", " ", str(error["msg"]))


def save_profile(home: Path, profile: Profile) -> Path:
    """Write the profile atomically; returns its path."""
    import yaml

    from wizard.store import atomic_write

    path = home / PROFILE_FILE
    home.mkdir(parents=True, exist_ok=True)
    data = profile.model_dump(exclude_none=True)
    header = (
        "# The consultant's profile for the plan's cover (marketing-wizard profile).\n"
        "# Fields: consultant, agency, contact, logo (set with --logo FILE), accent (#rrggbb).\n"
    )
    atomic_write(
        path, header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    )
    return path
